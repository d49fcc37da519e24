using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Audit;

namespace TokenSaas.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Id);
        // The id is the row's place in the chain, given by the head row, never by the database.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(450).IsRequired();
        builder.Property(e => e.ActorEmail).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(60).IsRequired();
        builder.Property(e => e.TargetType).HasMaxLength(40).IsRequired();
        builder.Property(e => e.TargetId).HasMaxLength(450).IsRequired();
        builder.Property(e => e.Reason).HasMaxLength(AuditEntry.MaxReasonLength);
        builder.Property(e => e.Ip).HasMaxLength(64);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(400);
        builder.Property(e => e.PrevHash).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(e => e.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        builder.HasIndex(e => new { e.TargetType, e.TargetId, e.Id });
        builder.HasIndex(e => new { e.Action, e.Id });
        builder.HasIndex(e => e.At);
    }
}

public sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.ToTable("audit_chain");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64).IsRequired();
        builder.HasData(new { Id = AuditHead.SingletonId, Seq = 0L, Hash = AuditChain.Genesis });
    }
}
