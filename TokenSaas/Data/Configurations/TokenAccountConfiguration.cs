using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Identity;
using TokenSaas.Ledger;

namespace TokenSaas.Data.Configurations;

public sealed class TokenAccountConfiguration : IEntityTypeConfiguration<TokenAccount>
{
    public void Configure(EntityTypeBuilder<TokenAccount> builder)
    {
        builder.ToTable("token_accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.UserId).HasMaxLength(450).IsRequired();
        builder.HasIndex(a => a.UserId).IsUnique();
        builder.Property(a => a.PlanKey).HasMaxLength(30).HasDefaultValue(Plans.Plan.Basic);
        builder.Property(a => a.PlanVersion).HasDefaultValue(1);
        builder.Property(a => a.DailyPeriod).HasMaxLength(10);
        builder.Property(a => a.PlanPeriod).HasMaxLength(7);
        builder.HasOne<Plans.Plan>().WithMany().HasForeignKey(a => a.PlanKey).OnDelete(DeleteBehavior.Restrict);
        // The sweeps look for accounts whose period has passed.
        builder.HasIndex(a => a.DailyPeriod);
        builder.HasIndex(a => a.PlanPeriod);
        builder.HasIndex(a => a.PlanEndAt).HasFilter("plan_end_at IS NOT NULL");
        // The admin user list filters and sorts by these; balance, spent and last active by AccountListKeys.
        builder.HasIndex(a => new { a.PlanKey, a.CreatedAt, a.Id });
        // Subscribers per plan and version (the catalogue's counts and a migration's notices).
        builder.HasIndex(a => new { a.PlanKey, a.PlanVersion });
        builder.HasIndex(a => new { a.Unlimited, a.CreatedAt, a.Id });
        builder.HasIndex(a => new { a.CreatedAt, a.Id });
        builder.HasOne<AppUser>().WithOne().HasForeignKey<TokenAccount>(a => a.UserId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
