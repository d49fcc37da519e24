using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Content;

namespace TokenSaas.Data.Configurations;

public sealed class ContentBlockConfiguration : IEntityTypeConfiguration<ContentBlock>
{
    public void Configure(EntityTypeBuilder<ContentBlock> builder)
    {
        builder.ToTable("content_blocks");
        builder.HasKey(b => b.Key);
        builder.Property(b => b.Key).HasMaxLength(ContentBlock.MaxKeyLength);
        builder.Property(b => b.Draft).HasMaxLength(ContentBlock.MaxMarkdownLength);
        builder.Property(b => b.DraftUpdatedBy).HasMaxLength(256);
    }
}

public sealed class ContentVersionConfiguration : IEntityTypeConfiguration<ContentVersion>
{
    public void Configure(EntityTypeBuilder<ContentVersion> builder)
    {
        builder.ToTable("content_versions");
        builder.HasKey(v => new { v.BlockKey, v.Number });
        builder.Property(v => v.BlockKey).HasMaxLength(ContentBlock.MaxKeyLength);
        builder.Property(v => v.Number).HasColumnName("version");
        builder.Property(v => v.Markdown).HasMaxLength(ContentBlock.MaxMarkdownLength).IsRequired();
        builder.Property(v => v.Html).IsRequired();
        builder.Property(v => v.Note).HasMaxLength(200);
        builder.Property(v => v.AuthorId).HasMaxLength(450).IsRequired();
        builder.Property(v => v.AuthorEmail).HasMaxLength(256).IsRequired();
        builder.HasOne<ContentBlock>().WithMany().HasForeignKey(v => v.BlockKey).OnDelete(DeleteBehavior.Restrict);
        // The scheduler looks for versions due to go live.
        builder.HasIndex(v => v.PublishAt).HasFilter("published_at IS NULL AND NOT cancelled");
    }
}

public sealed class FaqEntryConfiguration : IEntityTypeConfiguration<FaqEntry>
{
    public void Configure(EntityTypeBuilder<FaqEntry> builder)
    {
        builder.ToTable("faq_entries");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Category).HasMaxLength(60).IsRequired();
        builder.Property(f => f.Question).HasMaxLength(300).IsRequired();
        builder.Property(f => f.AnswerMarkdown).HasMaxLength(20_000).IsRequired();
        builder.HasIndex(f => new { f.Category, f.SortOrder });
    }
}

public sealed class TestimonialConfiguration : IEntityTypeConfiguration<Testimonial>
{
    public void Configure(EntityTypeBuilder<Testimonial> builder)
    {
        builder.ToTable("testimonials");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Quote).HasMaxLength(1_000).IsRequired();
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.Property(t => t.Role).HasMaxLength(100);
        builder.HasIndex(t => new { t.Approved, t.SortOrder });
    }
}

public sealed class ComparisonRowConfiguration : IEntityTypeConfiguration<ComparisonRow>
{
    private static readonly JsonSerializerOptions Json = new();

    public void Configure(EntityTypeBuilder<ComparisonRow> builder)
    {
        builder.ToTable("comparison_rows");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Label).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Cells).HasConversion(
                cells => JsonSerializer.Serialize(cells, Json),
                text => JsonSerializer.Deserialize<Dictionary<string, string>>(text, Json) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>((a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                    cells => JsonSerializer.Serialize(cells, Json).GetHashCode(StringComparison.Ordinal),
                    cells => new Dictionary<string, string>(cells)))
            .HasMaxLength(4_000).IsRequired();
    }
}
