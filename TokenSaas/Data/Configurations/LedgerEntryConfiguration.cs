using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Ledger;

namespace TokenSaas.Data.Configurations;

public sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ledger_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Type).HasConversion<SnakeCaseEnumConverter<LedgerEntryType>>().HasMaxLength(30);
        builder.Property(e => e.Bucket).HasConversion<SnakeCaseEnumConverter<GrantBucket>>().HasMaxLength(20);
        builder.Property(e => e.Feature).HasMaxLength(50);
        builder.Property(e => e.Actor).HasMaxLength(450).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(500).IsRequired();
        builder.Property(e => e.IdempotencyKey).HasMaxLength(LedgerEntry.MaxIdempotencyKeyLength).IsRequired();
        builder.Property(e => e.RequestHash).HasMaxLength(64);
        builder.Property(e => e.CorrelationId).HasMaxLength(200);
        builder.HasOne<TokenAccount>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Grant>().WithMany().HasForeignKey(e => e.GrantId).OnDelete(DeleteBehavior.Restrict);

        // The idempotency guarantee: one operation per key per account, enforced by the database.
        builder.HasIndex(e => new { e.AccountId, e.IdempotencyKey }).IsUnique();
        // A spend is refunded, a hold released, at most once, whatever the keys and instances.
        builder.HasIndex(e => e.ReversalOfEntryId).IsUnique().HasFilter("reversal_of_entry_id IS NOT NULL");
        // History is read newest first per account, paged by id (keyset), optionally by type.
        builder.HasIndex(e => new { e.AccountId, e.Id });
        builder.HasIndex(e => new { e.AccountId, e.Type, e.Id });
        builder.HasIndex(e => e.CorrelationId).HasFilter("correlation_id IS NOT NULL");
        builder.HasIndex(e => e.HoldId).HasFilter("hold_id IS NOT NULL");
        // Admin totals and charts read entries by date across all accounts.
        builder.HasIndex(e => e.CreatedAt);
        builder.HasOne<Hold>().WithMany().HasForeignKey(e => e.HoldId).OnDelete(DeleteBehavior.Restrict);
    }
}
