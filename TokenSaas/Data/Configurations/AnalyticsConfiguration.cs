using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Analytics;

namespace TokenSaas.Data.Configurations;

public sealed class AdminAlertConfiguration : IEntityTypeConfiguration<AdminAlert>
{
    public void Configure(EntityTypeBuilder<AdminAlert> builder)
    {
        builder.ToTable("admin_alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasMaxLength(30).IsRequired();
        builder.Property(a => a.Subject).HasMaxLength(450).IsRequired();
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.Window).HasMaxLength(10).IsRequired();
        builder.Property(a => a.Detail).HasMaxLength(500).IsRequired();
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        // One open episode per kind and subject: two checkers racing cannot both open one.
        builder.HasIndex(a => new { a.Kind, a.Subject }).IsUnique().HasFilter("ended_at IS NULL");
        builder.HasIndex(a => a.StartedAt);
        builder.HasIndex(a => a.AcknowledgedAt);
    }
}

public sealed class UsageDayConfiguration : IEntityTypeConfiguration<UsageDay>
{
    public void Configure(EntityTypeBuilder<UsageDay> builder)
    {
        builder.ToTable("usage_days");
        builder.HasKey(u => new { u.Day, u.Type, u.Bucket, u.Feature });
        builder.Property(u => u.Type).HasMaxLength(20);
        builder.Property(u => u.Bucket).HasMaxLength(20);
        builder.Property(u => u.Feature).HasMaxLength(64);
    }
}

public sealed class ActiveDayConfiguration : IEntityTypeConfiguration<ActiveDay>
{
    public void Configure(EntityTypeBuilder<ActiveDay> builder)
    {
        builder.ToTable("active_days");
        builder.HasKey(a => new { a.Day, a.AccountId });
    }
}

public sealed class RolledDayConfiguration : IEntityTypeConfiguration<RolledDay>
{
    public void Configure(EntityTypeBuilder<RolledDay> builder)
    {
        builder.ToTable("rolled_days");
        builder.HasKey(r => r.Day);
    }
}
