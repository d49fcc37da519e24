using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Api;

public abstract class TransactionsTests(TestApp app)
{
    [Fact]
    public async Task Pages_run_newest_first_and_the_cursor_walks_every_entry_once()
    {
        var user = await app.NewApiUserAsync();
        for (var i = 0; i < 7; i++)
        {
            await user.SpendAsync("create_website", $"page-{i}");
        }

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            using var page = await user.Client.GetJsonAsync("/api/v1/transactions?limit=3" + (cursor is null ? "" : $"&after={cursor}"));
            var items = page.RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 3);
            seen.AddRange(items.Select(i => i.GetProperty("id").GetInt64()));
            cursor = page.RootElement.GetProperty("next").GetString();
        }
        while (cursor is not null);

        Assert.Equal(8, seen.Count);
        Assert.Equal(seen.OrderByDescending(id => id), seen);
    }

    [Fact]
    public async Task An_entry_shows_what_happened_and_the_balance_after()
    {
        var user = await app.NewApiUserAsync();
        await user.SpendAsync("template", "shown");

        using var page = await user.Client.GetJsonAsync("/api/v1/transactions?limit=1");

        var entry = page.RootElement.GetProperty("items")[0];
        Assert.Equal("spend", entry.GetProperty("type").GetString());
        Assert.Equal(-3, entry.GetProperty("amount").GetInt64());
        Assert.Equal(7, entry.GetProperty("balance_after").GetInt64());
        Assert.Equal("template", entry.GetProperty("feature").GetString());
        Assert.True(entry.TryGetProperty("created_at", out _));
    }
}

public sealed class TransactionsTests_Sqlite(SqliteApp app) : TransactionsTests(app), IClassFixture<SqliteApp>;

public sealed class TransactionsTests_Postgres(PostgresApp app) : TransactionsTests(app), IClassFixture<PostgresApp>;
