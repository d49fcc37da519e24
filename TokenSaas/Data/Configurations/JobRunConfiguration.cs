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
        builder.HasIndex(r => r.StartedAt);
    }
}
