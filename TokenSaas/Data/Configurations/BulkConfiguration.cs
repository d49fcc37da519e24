using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Admin.Bulk;

namespace TokenSaas.Data.Configurations;

public sealed class BulkBatchConfiguration : IEntityTypeConfiguration<BulkBatch>
{
    public void Configure(EntityTypeBuilder<BulkBatch> builder)
    {
        builder.ToTable("bulk_batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Status).HasConversion<SnakeCaseEnumConverter<BulkStatus>>().HasMaxLength(20);
        builder.Property(b => b.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Property(b => b.CreatedByEmail).HasMaxLength(256).IsRequired();
        builder.Property(b => b.FileName).HasMaxLength(260).IsRequired();
        builder.Property(b => b.Reason).HasMaxLength(200).IsRequired();
        builder.Property(b => b.LeaseOwner).HasMaxLength(100);
        builder.HasIndex(b => b.Status);
        builder.HasIndex(b => b.CreatedAt);
    }
}

public sealed class BulkRowConfiguration : IEntityTypeConfiguration<BulkRow>
{
    public void Configure(EntityTypeBuilder<BulkRow> builder)
    {
        builder.ToTable("bulk_rows");
        builder.HasKey(r => new { r.BatchId, r.Row });
        builder.Property(r => r.Status).HasConversion<SnakeCaseEnumConverter<BulkRowStatus>>().HasMaxLength(20);
        builder.Property(r => r.Email).HasMaxLength(320).IsRequired();
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Reason).HasMaxLength(200);
        builder.Property(r => r.Error).HasMaxLength(300);
        builder.HasOne<BulkBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Cascade);
    }
}
