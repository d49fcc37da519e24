using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Ledger;

namespace TokenSaas.Data.Configurations;

public sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> builder)
    {
        builder.ToTable("grants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Bucket).HasConversion<SnakeCaseEnumConverter<GrantBucket>>().HasMaxLength(20);
        builder.Property(g => g.Source).HasMaxLength(200).IsRequired();
        builder.Property(g => g.PeriodKey).HasMaxLength(40);
        builder.HasOne<TokenAccount>().WithMany().HasForeignKey(g => g.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => new { g.AccountId, g.Bucket, g.PeriodKey }).IsUnique()
            .HasFilter("period_key IS NOT NULL");
        // The spend path reads only an account's grants with something left; exhausted ones pile up.
        builder.HasIndex(g => g.AccountId).HasDatabaseName("ix_grants_spendable").HasFilter("remaining > 0");
        builder.HasIndex(g => g.ExpiresAt).HasDatabaseName("ix_grants_expiring").HasFilter("remaining > 0 AND expires_at IS NOT NULL");
    }
}
