using Microsoft.EntityFrameworkCore;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Promotions;

/// <summary>Promotions:FlagIpRedemptions: how many uses one address may account for before it is flagged.</summary>
public abstract class ReportSettingsTests
{
    protected abstract TestDatabase NewDatabase();

    [Fact]
    public async Task With_an_allowance_of_two_a_third_use_from_one_address_is_flagged()
    {
        await using var app = new TimeApp(NewDatabase(), new Dictionary<string, string> { ["Promotions:FlagIpRedemptions"] = "2" });
        await app.InitializeAsync();
        var code = Promos.NewCode("TWO");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 10, p => p.PerUserLimit = 5);
        var user = await app.NewApiUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await user.CheckoutAsync("inr_500", code);
        }

        using var before = await app.AdminApi().GetJsonAsync($"/api/admin/promotions/{promotion.Id}/report");
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE promotion_redemptions SET ip = '192.0.2.1' WHERE promotion_id = {promotion.Id}"));
        using var after = await app.AdminApi().GetJsonAsync($"/api/admin/promotions/{promotion.Id}/report");

        Assert.Empty(before.RootElement.GetProperty("flags").GetProperty("ips").EnumerateArray());
        var ip = Assert.Single(after.RootElement.GetProperty("flags").GetProperty("ips").EnumerateArray());
        Assert.Equal(("192.0.2.1", 3, 2), (ip.GetProperty("ip").GetString(), ip.GetProperty("redemptions").GetInt32(),
            after.RootElement.GetProperty("flags").GetProperty("ip_allowance").GetInt32()));
    }
}

public sealed class ReportSettingsTests_Sqlite : ReportSettingsTests
{
    protected override TestDatabase NewDatabase() => new SqliteTestDatabase();
}

public sealed class ReportSettingsTests_Postgres : ReportSettingsTests
{
    protected override TestDatabase NewDatabase() => new PostgresTestDatabase();
}
