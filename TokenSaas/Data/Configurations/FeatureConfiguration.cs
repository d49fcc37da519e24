using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Features;

namespace TokenSaas.Data.Configurations;

public sealed class FeatureConfiguration : IEntityTypeConfiguration<Feature>
{
    public void Configure(EntityTypeBuilder<Feature> builder)
    {
        builder.ToTable("features");
        builder.HasKey(f => f.Key);
        builder.Property(f => f.Key).HasMaxLength(Feature.MaxKeyLength);
        builder.Property(f => f.Name).HasMaxLength(100).IsRequired();
        builder.Property(f => f.Category).HasMaxLength(50).IsRequired();
        builder.Property(f => f.Description).HasMaxLength(500).IsRequired();
        builder.Ignore(f => f.IsFree);
    }
}

public sealed class FeatureCostChangeConfiguration : IEntityTypeConfiguration<FeatureCostChange>
{
    public void Configure(EntityTypeBuilder<FeatureCostChange> builder)
    {
        builder.ToTable("feature_cost_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.FeatureKey).HasMaxLength(Feature.MaxKeyLength).IsRequired();
        builder.Property(c => c.Reason).HasMaxLength(500).IsRequired();
        builder.Property(c => c.ActorId).HasMaxLength(450).IsRequired();
        builder.Property(c => c.ActorEmail).HasMaxLength(256).IsRequired();
        builder.HasOne<Feature>().WithMany().HasForeignKey(c => c.FeatureKey).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.FeatureKey, c.Id });
    }
}
