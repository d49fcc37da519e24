using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Ledger;

namespace TokenSaas.Data.Configurations;

public sealed class HoldConfiguration : IEntityTypeConfiguration<Hold>
{
    public void Configure(EntityTypeBuilder<Hold> builder)
    {
        builder.ToTable("holds");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Status).HasConversion<SnakeCaseEnumConverter<HoldStatus>>().HasMaxLength(20);
        builder.Property(h => h.Feature).HasMaxLength(50).IsRequired();
        builder.HasOne<TokenAccount>().WithMany().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => h.ExpiresAt).HasDatabaseName("ix_holds_open").HasFilter("status = 'held'");
    }
}
