using TokenSaas.Content;

namespace TokenSaas.Tests.Admin.Content;

public sealed class EditorDiffTests
{
    [Fact]
    public void A_changed_line_shows_as_removed_then_added_between_unchanged_lines()
    {
        var lines = LineDiff.Compare("a\nb\nc", "a\nB\nc\nd");

        Assert.Equal(
            [(DiffKind.Unchanged, "a"), (DiffKind.Removed, "b"), (DiffKind.Added, "B"), (DiffKind.Unchanged, "c"), (DiffKind.Added, "d")],
            lines.Select(l => (l.Kind, l.Text)));
    }

    [Fact]
    public void Against_nothing_every_line_is_added()
    {
        Assert.All(LineDiff.Compare(null, "x\ny"), l => Assert.Equal(DiffKind.Added, l.Kind));
    }
}
