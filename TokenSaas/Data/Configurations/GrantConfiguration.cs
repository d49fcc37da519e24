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
        builder.HasOne(g => g.Account).WithMany().HasForeignKey(g => g.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => new { g.AccountId, g.Bucket, g.PeriodKey }).IsUnique()
            .HasFilter("\"PeriodKey\" IS NOT NULL");
        builder.HasIndex(g => new { g.AccountId, g.ExpiresAt });
    }
}
