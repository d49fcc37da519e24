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
        builder.Property(p => p.Key).HasMaxLength(Plan.MaxKeyLength);
        builder.Property(p => p.Name).HasMaxLength(60).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(500).IsRequired();
        builder.Property(p => p.Version).HasDefaultValue(1);
        builder.Property<string>("bullets").HasColumnName("bullets").HasMaxLength(4000).HasDefaultValue("[]").IsRequired();
        builder.Ignore(p => p.Bullets);
        builder.Ignore(p => p.IsPaid);
        builder.HasMany(p => p.Prices).WithOne().HasForeignKey(p => p.PlanKey).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Versions).WithOne().HasForeignKey(v => v.PlanKey).OnDelete(DeleteBehavior.Restrict);
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

public sealed class PlanVersionConfiguration : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> builder)
    {
        builder.ToTable("plan_versions");
        builder.HasKey(v => new { v.PlanKey, v.Number });
        builder.Property(v => v.PlanKey).HasMaxLength(Plan.MaxKeyLength);
        builder.Property(v => v.Number).HasColumnName("version");
        builder.Property<string>("prices").HasColumnName("prices").HasMaxLength(2000).IsRequired();
        builder.Ignore(v => v.Prices);
        builder.Property(v => v.Reason).HasMaxLength(500).IsRequired();
        builder.Property(v => v.ActorId).HasMaxLength(450).IsRequired();
        builder.Property(v => v.ActorEmail).HasMaxLength(256).IsRequired();
        // The notice job looks for migrating versions it has not finished.
        builder.HasIndex(v => v.MigrateAt).HasFilter("migrate_at IS NOT NULL AND notices_sent_at IS NULL");
    }
}
