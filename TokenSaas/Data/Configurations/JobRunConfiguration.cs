using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TokenSaas.Scheduling;

namespace TokenSaas.Data.Configurations;

public sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("job_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Job).HasMaxLength(60).IsRequired();
        builder.Property(r => r.Instance).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Summary).HasMaxLength(500).IsRequired();
        builder.Property(r => r.Period).HasMaxLength(20);
        builder.HasIndex(r => r.StartedAt);
        // A run claims its period by its row: across instances, one run per job and period (runs
        // recorded before periods were claimed have none, and NULLs never collide).
        builder.HasIndex(r => new { r.Job, r.Period }).IsUnique();
    }
}
