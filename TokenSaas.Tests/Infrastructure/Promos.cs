using TokenSaas.Promotions;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>Promotions stored straight in the database, for tests about using them (the admin side has tests of its own).</summary>
public static class Promos
{
    /// <summary>A promotion with the shared code <paramref name="code"/>, active from now, on every pack unless <paramref name="configure"/> says otherwise.</summary>
    public static Task<Promotion> CreatePromotionAsync(this TestApp app, string code, PromotionType type, long value,
        Action<Promotion>? configure = null) =>
        app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var promotion = new Promotion
            {
                Name = $"Test {code}", Type = type, Value = value, AllPacks = true, Code = code.ToUpperInvariant(),
                CreatedAt = now, UpdatedAt = now, CreatedBy = "tests",
            };
            configure?.Invoke(promotion);
            db.Promotions.Add(promotion);
            await db.SaveChangesAsync();
            if (promotion.Code is { } shared)
            {
                db.PromotionCodes.Add(new PromotionCode { Code = shared, PromotionId = promotion.Id, CreatedAt = now });
                await db.SaveChangesAsync();
            }

            return promotion;
        });

    /// <summary>A random shared code no other test uses.</summary>
    public static string NewCode(string prefix = "T") => $"{prefix}{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";
}
