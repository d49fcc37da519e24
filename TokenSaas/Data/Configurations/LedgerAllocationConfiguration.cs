using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Ledger;

namespace TokenSaas.Data.Configurations;

public sealed class LedgerAllocationConfiguration : IEntityTypeConfiguration<LedgerAllocation>
{
    public void Configure(EntityTypeBuilder<LedgerAllocation> builder)
    {
        builder.ToTable("ledger_allocations");
        builder.HasKey(a => new { a.EntryId, a.GrantId });
        builder.HasOne<LedgerEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Grant>().WithMany().HasForeignKey(a => a.GrantId).OnDelete(DeleteBehavior.Restrict);
    }
}
