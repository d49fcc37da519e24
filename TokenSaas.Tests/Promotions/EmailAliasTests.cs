using System.Net;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Promotions;

public sealed class EmailIdentityTests
{
    [Theory]
    [InlineData("ann.lee+promo@gmail.com", "annlee@gmail.com")]
    [InlineData("annlee@googlemail.com", "annlee@gmail.com")]
    [InlineData("Ann.Lee@Gmail.com", "annlee@gmail.com")]
    [InlineData("  A.N.N.L.E.E+x+y@GOOGLEMAIL.COM ", "annlee@gmail.com")]
    [InlineData("ann.lee@example.com", "ann.lee@example.com")]
    [InlineData("ann.lee+news@example.com", "ann.lee@example.com")]
    [InlineData("Ann.Lee+News@Example.COM", "ann.lee@example.com")]
    [InlineData("first.last@sub.example.co.uk", "first.last@sub.example.co.uk")]
    public void Aliases_of_one_person_share_one_key(string email, string key) => Assert.Equal(key, EmailIdentity.Key(email));

    [Fact]
    public void Different_people_keep_different_keys()
    {
        Assert.NotEqual(EmailIdentity.Key("ann.lee@example.com"), EmailIdentity.Key("annlee@example.com"));
        Assert.NotEqual(EmailIdentity.Key("ann@gmail.com"), EmailIdentity.Key("ann@example.com"));
        Assert.NotEqual(EmailIdentity.Key("ann+1@example.com"), EmailIdentity.Key("bob+1@example.com"));
    }
}

public abstract class EmailAliasTests(TestApp app)
{
    [Fact]
    public async Task Gmail_aliases_of_one_person_share_a_per_user_limit_of_one()
    {
        var code = Promos.NewCode("ALIAS");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 20);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var tagged = await app.ApiUserWithEmailAsync($"ann.lee.{tag}+promo@gmail.com");
        var googlemail = await app.ApiUserWithEmailAsync($"annlee{tag}@googlemail.com");
        var dotted = await app.ApiUserWithEmailAsync($"Ann.Lee{tag}@gmail.com");

        var first = await tagged.BuyAsync(code);
        var secondQuote = await googlemail.QuoteAsync(code);
        var second = await googlemail.BuyAsync(code);
        var third = await dotted.BuyAsync(code);

        Assert.True(first.Started, first.Error);
        Assert.Equal((false, "You have already used this code."), (secondQuote.Valid, secondQuote.Reason));
        Assert.Equal((HttpStatusCode.BadRequest, "You have already used this code."), (second.Status, second.Error));
        Assert.Equal((HttpStatusCode.BadRequest, "You have already used this code."), (third.Status, third.Error));
        var redemption = Assert.Single(await app.RedemptionsAsync(promotion.Id));
        Assert.Equal(($"annlee{tag}@gmail.com", tagged.UserId), (redemption.Identity, redemption.UserId));
        Assert.Empty(await app.PaymentsOfAsync(googlemail.UserId));
    }

    [Fact]
    public async Task Aliases_racing_for_one_use_get_one()
    {
        var code = Promos.NewCode("ALIASRACE");
        var promotion = await app.CreatePromotionAsync(code, PromotionType.PercentOff, 20);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var users = new List<ApiUser>();
        foreach (var email in new[] { $"race.{tag}+a@gmail.com", $"race{tag}+b@googlemail.com", $"r.a.c.e{tag}@gmail.com", $"RACE.{tag}@gmail.com" })
        {
            users.Add(await app.ApiUserWithEmailAsync(email));
        }

        var results = await Task.WhenAll(users.Select(u => u.BuyAsync(code)));

        Assert.Single(results, r => r.Started);
        Assert.All(results.Where(r => !r.Started), r => Assert.Equal("You have already used this code.", r.Error));
        Assert.Single(await app.RedemptionsAsync(promotion.Id));
        Assert.Equal(1, (await app.PromotionAsync(promotion.Id)).Reserved);
    }
}

public sealed class EmailAliasTests_Sqlite(SqliteApp app) : EmailAliasTests(app), IClassFixture<SqliteApp>;

public sealed class EmailAliasTests_Postgres(PostgresApp app) : EmailAliasTests(app), IClassFixture<PostgresApp>;
