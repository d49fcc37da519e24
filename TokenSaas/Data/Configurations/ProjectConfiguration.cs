using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Identity;
using TokenSaas.Studio;

namespace TokenSaas.Data.Configurations;

public sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.ToTable("projects");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.UserId).HasMaxLength(450).IsRequired();
        builder.Property(p => p.Feature).HasMaxLength(50).IsRequired();
        builder.Property(p => p.RunKey).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Title).HasMaxLength(120).IsRequired();
        builder.Property(p => p.Format).HasMaxLength(10).IsRequired();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.UserId, p.RunKey }).IsUnique();
        builder.HasIndex(p => new { p.UserId, p.CreatedAt });
    }
}
