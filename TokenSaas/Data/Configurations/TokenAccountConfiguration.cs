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
        builder.HasOne<AppUser>().WithOne().HasForeignKey<TokenAccount>(a => a.UserId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
