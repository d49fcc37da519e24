using TokenSaas.Ledger;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Ledger;

/// <summary>The history in words: one row per thing that happened, with the ledger entries behind it.</summary>
public abstract class ActivityTests(TestApp app)
{
    [Fact]
    public async Task A_paid_run_is_one_row_with_the_feature_name_and_both_entries_behind_it()
    {
        var user = await app.NewApiUserAsync();
        await RunAsync(user, "summarize", "paid");

        var row = (await PageAsync(user)).Items[0];

        Assert.Equal(("Summarize", "−3", -3L), (row.What, row.AmountText, row.Amount));
        Assert.Equal([LedgerEntryType.Hold, LedgerEntryType.Capture], row.Entries.Select(e => e.Type));
        Assert.Single((await PageAsync(user)).Items, r => r.What == "Summarize");
    }

    [Fact]
    public async Task A_free_run_is_one_row_that_says_free()
    {
        var user = await app.NewApiUserAsync();
        Assert.True((await user.LedgerAsync(l => l.SpendAsync(user.UserId, "chat", 1, "free-run"))).Succeeded);

        var rows = (await PageAsync(user)).Items;

        var row = Assert.Single(rows, r => r.What == "Chat");
        Assert.Equal(("free", 1), (row.AmountText, row.Entries.Count));
    }

    [Fact]
    public async Task A_failed_run_reads_as_failed_with_its_tokens_returned()
    {
        var user = await app.NewApiUserAsync();
        var hold = await user.LedgerAsync(l => l.HoldAsync(user.UserId, "summarize", 1, "will-fail"));
        await user.LedgerAsync(l => l.ReleaseAsync(user.UserId, hold.Value!.HoldId));

        var row = (await PageAsync(user)).Items[0];

        Assert.Equal(("Summarize failed", "3 tokens returned", "0"), (row.What, row.Note, row.AmountText));
        Assert.Equal(2, row.Entries.Count);
    }

    [Fact]
    public async Task A_refunded_purchase_says_how_many_tokens_were_taken_back_and_how_many_were_already_spent()
    {
        var user = await app.NewApiUserAsync();
        await user.DrainAsync();
        var payment = $"pay-{Guid.NewGuid():N}";
        await user.LedgerAsync(l => l.GrantAsync(user.UserId, new TokenGrant(GrantBucket.Purchased, 500, "payment", payment, "payment",
            "Bought 500 tokens") { CorrelationId = payment }));
        await user.LedgerAsync(l => l.SpendAsync(user.UserId, "create_website", 15, "spend-some"));
        await user.LedgerAsync(l => l.ClawbackAsync(user.UserId, payment, 500, $"refund:{payment}", "admin"));

        var rows = (await PageAsync(user)).Items;

        Assert.Equal(("Refund of your purchase", "15 tokens already spent", "−485"), (rows[0].What, rows[0].Note, rows[0].AmountText));
        Assert.Equal("Purchase of 500 tokens", rows[2].What);
        Assert.DoesNotContain(rows, r => r.What.Contains("Clawback") || r.What.Contains("create_website"));
    }

    [Fact]
    public async Task A_run_whose_entries_fall_on_two_pages_is_listed_once_and_every_entry_is_shown_once()
    {
        var user = await app.NewApiUserAsync();
        var hold = await user.LedgerAsync(l => l.HoldAsync(user.UserId, "summarize", 1, "straddle"));
        await user.GrantAsync(1);
        await user.GrantAsync(2);
        await user.LedgerAsync(l => l.CaptureAsync(user.UserId, hold.Value!.HoldId));

        var rows = new List<ActivityRow>();
        long? after = null;
        do
        {
            var page = await PageAsync(user, limit: 2, after);
            rows.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        var all = await user.LedgerAsync(l => l.GetEntriesAsync(user.UserId, new LedgerFilter { Limit = 100 }));

        Assert.Single(rows, r => r.What == "Summarize");
        Assert.Equal(all.Items.Select(e => e.Id).Order(), rows.SelectMany(r => r.Entries).Select(e => e.Id).Order());
    }

    [Fact]
    public async Task The_studio_kind_filter_lists_runs_and_the_grant_kind_lists_grants()
    {
        var user = await app.NewApiUserAsync();
        await RunAsync(user, "summarize", "filtered");

        var runs = await PageAsync(user, types: ActivityKinds.Find("spend"));
        var grants = await PageAsync(user, types: ActivityKinds.Find("grant"));

        Assert.Equal("Summarize", Assert.Single(runs.Items).What);
        Assert.DoesNotContain(grants.Items, r => r.What == "Summarize");
        Assert.NotEmpty(grants.Items);
    }

    private static async Task RunAsync(ApiUser user, string feature, string key)
    {
        var hold = await user.LedgerAsync(l => l.HoldAsync(user.UserId, feature, 1, key));
        Assert.True(hold.Succeeded, hold.Failure?.Message);
        Assert.True((await user.LedgerAsync(l => l.CaptureAsync(user.UserId, hold.Value!.HoldId))).Succeeded);
    }

    private static Task<ActivityPage> PageAsync(ApiUser user, int limit = 25, long? after = null, LedgerEntryType[]? types = null) =>
        user.LedgerAsync(l => l.GetActivityAsync(user.UserId, new LedgerFilter { Limit = limit, After = after, Types = types }));
}

public sealed class ActivityTests_Sqlite(SqliteApp app) : ActivityTests(app), IClassFixture<SqliteApp>;

public sealed class ActivityTests_Postgres(PostgresApp app) : ActivityTests(app), IClassFixture<PostgresApp>;
