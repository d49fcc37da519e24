using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Promotions;

namespace TokenSaas.Data.Configurations;

public sealed class PromotionConfiguration : IEntityTypeConfiguration<Promotion>
{
    public void Configure(EntityTypeBuilder<Promotion> builder)
    {
        builder.ToTable("promotions");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(Promotion.MaxNameLength).IsRequired();
        builder.Property(p => p.Type).HasConversion<SnakeCaseEnumConverter<PromotionType>>().HasMaxLength(20);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Code).HasMaxLength(PromotionCode.MaxLength);
        builder.Property(p => p.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(p => p.PerUserLimit).HasDefaultValue(1);
        JsonList(builder.Property(p => p.Packs), 4000);
        JsonList(builder.Property(p => p.Plans), 2000);
        JsonList(builder.Property(p => p.EligiblePlans), 2000);
        // Up to a thousand listed people.
        JsonList(builder.Property(p => p.EligibleEmails), 300_000);
        JsonList(builder.Property(p => p.Variants), 2000);
        builder.Ignore(p => p.GivesTokens);
        builder.Ignore(p => p.UsedUp);
        builder.Ignore(p => p.BudgetSpent);
        builder.HasIndex(p => p.CreatedAt);
    }

    private static void JsonList<T>(PropertyBuilder<List<T>> property, int maxLength) =>
        property.HasConversion(
                list => JsonSerializer.Serialize(list, Json),
                text => JsonSerializer.Deserialize<List<T>>(text, Json) ?? new List<T>(),
                new ValueComparer<List<T>>((a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                    list => JsonSerializer.Serialize(list, Json).GetHashCode(StringComparison.Ordinal),
                    list => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(list, Json), Json)!))
            .HasMaxLength(maxLength).IsRequired().HasDefaultValueSql("'[]'");

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

public sealed class RedemptionConfiguration : IEntityTypeConfiguration<Redemption>
{
    public void Configure(EntityTypeBuilder<Redemption> builder)
    {
        builder.ToTable("promotion_redemptions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Variant).HasMaxLength(40);
        builder.Property(r => r.Code).HasMaxLength(PromotionCode.MaxLength).IsRequired();
        builder.Property(r => r.UserId).HasMaxLength(450).IsRequired();
        builder.Property(r => r.Identity).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Status).HasConversion<SnakeCaseEnumConverter<RedemptionStatus>>().HasMaxLength(10);
        builder.Property(r => r.PaymentId).HasMaxLength(40);
        builder.Property(r => r.FreedReason).HasMaxLength(200);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.Ip).HasMaxLength(45);
        builder.HasOne<Promotion>().WithMany().HasForeignKey(r => r.PromotionId).OnDelete(DeleteBehavior.Restrict);
        // Two checkouts at once cannot both take one person's last use: each holds a numbered slot.
        builder.HasIndex(r => new { r.PromotionId, r.Identity, r.Slot }).IsUnique().HasFilter("slot IS NOT NULL");
        builder.HasIndex(r => r.PaymentId).IsUnique().HasFilter("payment_id IS NOT NULL");
        builder.HasIndex(r => new { r.PromotionId, r.Status, r.CreatedAt });
        builder.HasIndex(r => new { r.PromotionId, r.Ip });
        builder.HasIndex(r => new { r.Status, r.UpdatedAt });
    }
}

public sealed class PromotionCodeConfiguration : IEntityTypeConfiguration<PromotionCode>
{
    public void Configure(EntityTypeBuilder<PromotionCode> builder)
    {
        builder.ToTable("promotion_codes");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(PromotionCode.MaxLength);
        builder.HasOne<Promotion>().WithMany().HasForeignKey(c => c.PromotionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PromotionId, c.BatchId });
    }
}

public sealed class CodeBatchConfiguration : IEntityTypeConfiguration<CodeBatch>
{
    public void Configure(EntityTypeBuilder<CodeBatch> builder)
    {
        builder.ToTable("promotion_code_batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Pattern).HasMaxLength(PromotionCode.MaxLength).IsRequired();
        builder.Property(b => b.Status).HasConversion<SnakeCaseEnumConverter<CodeBatchStatus>>().HasMaxLength(10);
        builder.Property(b => b.Error).HasMaxLength(300);
        builder.Property(b => b.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(b => b.LeaseOwner).HasMaxLength(100);
        builder.HasOne<Promotion>().WithMany().HasForeignKey(b => b.PromotionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.Status, b.Id });
        builder.HasIndex(b => b.PromotionId);
    }
}
