using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Ledger;

namespace TokenSaas.Data.Configurations;

public sealed class AccountListKeysConfiguration : IEntityTypeConfiguration<AccountListKeys>
{
    public void Configure(EntityTypeBuilder<AccountListKeys> builder)
    {
        builder.ToTable("account_list_keys");
        builder.HasKey(k => k.AccountId);
        builder.Property(k => k.AccountId).ValueGeneratedNever();
        builder.HasOne<TokenAccount>().WithOne().HasForeignKey<AccountListKeys>(k => k.AccountId).OnDelete(DeleteBehavior.Cascade);
        // The admin user list filters and sorts by these.
        builder.HasIndex(k => new { k.Balance, k.AccountId });
        builder.HasIndex(k => new { k.LifetimeSpent, k.AccountId });
        builder.HasIndex(k => new { k.LastActiveAt, k.AccountId });
    }
}
