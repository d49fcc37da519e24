using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Identity;
using TokenSaas.Payments;

namespace TokenSaas.Data.Configurations;

public sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.UserId).HasMaxLength(450).IsRequired();
        builder.Property(p => p.Gateway).HasMaxLength(20).IsRequired();
        builder.Property(p => p.Kind).HasConversion<SnakeCaseEnumConverter<PaymentKind>>().HasMaxLength(10);
        builder.Property(p => p.Status).HasConversion<SnakeCaseEnumConverter<PaymentStatus>>().HasMaxLength(20);
        builder.Property(p => p.ItemKey).HasMaxLength(30).IsRequired();
        builder.Property(p => p.PlanVersion);
        builder.Property(p => p.Currency).HasMaxLength(3).IsRequired();
        builder.Property(p => p.GatewayOrderId).HasMaxLength(100);
        builder.Property(p => p.GatewayPaymentId).HasMaxLength(100);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(200).IsRequired();
        builder.Property(p => p.FailureReason).HasMaxLength(300);
        builder.Property(p => p.PromotionCode).HasMaxLength(Promotions.PromotionCode.MaxLength);
        builder.Property(p => p.PromotionVariant).HasMaxLength(40);
        builder.HasIndex(p => p.PromotionId).HasFilter("promotion_id IS NOT NULL");
        builder.Property(p => p.CheckoutUrl).HasMaxLength(2000);
        builder.Ignore(p => p.LedgerKey);
        builder.Ignore(p => p.TotalTokens);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        // One checkout per user and key: a double click or a retried request finds the first payment.
        builder.HasIndex(p => new { p.UserId, p.IdempotencyKey }).IsUnique();
        builder.HasIndex(p => new { p.Gateway, p.GatewayOrderId }).IsUnique().HasFilter("gateway_order_id IS NOT NULL");
        builder.HasIndex(p => p.GatewayPaymentId).HasFilter("gateway_payment_id IS NOT NULL");
        builder.HasIndex(p => new { p.Status, p.UpdatedAt });
        builder.HasIndex(p => new { p.UserId, p.CreatedAt });
        builder.HasIndex(p => p.PaidAt).HasFilter("paid_at IS NOT NULL");
        builder.HasIndex(p => p.CreatedAt);
    }
}

public sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> builder)
    {
        builder.ToTable("payment_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Gateway).HasMaxLength(20).IsRequired();
        builder.Property(e => e.EventId).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Type).HasMaxLength(100).IsRequired();
        builder.Property(e => e.Outcome).HasMaxLength(200).IsRequired();
        builder.Property(e => e.PaymentId).HasMaxLength(40);
        // At-least-once delivery: the same event twice is recognised by its id.
        builder.HasIndex(e => new { e.Gateway, e.EventId }).IsUnique();
        builder.HasIndex(e => e.PaymentId);
    }
}

public sealed class PackConfiguration : IEntityTypeConfiguration<Pack>
{
    public void Configure(EntityTypeBuilder<Pack> builder)
    {
        builder.ToTable("packs");
        builder.HasKey(p => p.Key);
        builder.Property(p => p.Key).HasMaxLength(Pack.MaxKeyLength);
        builder.Property(p => p.Name).HasMaxLength(60).IsRequired();
        builder.HasMany(p => p.Prices).WithOne().HasForeignKey(p => p.PackKey).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Prices).AutoInclude();
    }
}

public sealed class PackPriceConfiguration : IEntityTypeConfiguration<PackPrice>
{
    public void Configure(EntityTypeBuilder<PackPrice> builder)
    {
        builder.ToTable("pack_prices");
        builder.HasKey(p => new { p.PackKey, p.Currency });
        builder.Property(p => p.PackKey).HasMaxLength(Pack.MaxKeyLength);
        builder.Property(p => p.Currency).HasMaxLength(3);
    }
}
