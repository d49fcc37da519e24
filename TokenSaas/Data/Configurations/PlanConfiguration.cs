using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Plans;

namespace TokenSaas.Data.Configurations;

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plans");
        builder.HasKey(p => p.Key);
        builder.Property(p => p.Key).HasMaxLength(30);
        builder.Property(p => p.Name).HasMaxLength(60).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(500).IsRequired();
        builder.Ignore(p => p.IsPaid);
        builder.HasMany(p => p.Prices).WithOne().HasForeignKey(p => p.PlanKey).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PlanPriceConfiguration : IEntityTypeConfiguration<PlanPrice>
{
    public void Configure(EntityTypeBuilder<PlanPrice> builder)
    {
        builder.ToTable("plan_prices");
        builder.HasKey(p => new { p.PlanKey, p.Currency });
        builder.Property(p => p.PlanKey).HasMaxLength(30);
        builder.Property(p => p.Currency).HasMaxLength(3);
    }
}
