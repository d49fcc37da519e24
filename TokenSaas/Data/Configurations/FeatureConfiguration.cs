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
