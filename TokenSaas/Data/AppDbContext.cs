using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using TokenSaas.Features;
using TokenSaas.Identity;
using TokenSaas.Ledger;

namespace TokenSaas.Data;

/// <summary>
/// The model, shared by both providers. Each provider has its own subtype so that each keeps
/// its own migration set (Data/Migrations/Sqlite, Data/Migrations/Postgres).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<TokenAccount> TokenAccounts => Set<TokenAccount>();

    public DbSet<AccountListKeys> AccountListKeys => Set<AccountListKeys>();

    public DbSet<Grant> Grants => Set<Grant>();

    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();

    public DbSet<Hold> Holds => Set<Hold>();

    public DbSet<LedgerAllocation> LedgerAllocations => Set<LedgerAllocation>();

    public DbSet<Feature> Features => Set<Feature>();

    public DbSet<Plans.Plan> Plans => Set<Plans.Plan>();

    public DbSet<Plans.PlanVersion> PlanVersions => Set<Plans.PlanVersion>();

    public DbSet<FeatureCostChange> FeatureCostChanges => Set<FeatureCostChange>();

    public DbSet<Payments.PackPrice> PackPrices => Set<Payments.PackPrice>();

    public DbSet<Scheduling.JobRun> JobRuns => Set<Scheduling.JobRun>();

    public DbSet<Infrastructure.DataProtectionKey> DataProtectionKeys => Set<Infrastructure.DataProtectionKey>();

    public DbSet<Payments.Pack> Packs => Set<Payments.Pack>();

    public DbSet<Payments.Payment> Payments => Set<Payments.Payment>();

    public DbSet<Payments.PaymentEvent> PaymentEvents => Set<Payments.PaymentEvent>();

    public DbSet<Studio.Project> Projects => Set<Studio.Project>();

    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();

    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();

    public DbSet<Audit.AuditHead> AuditHead => Set<Audit.AuditHead>();

    public DbSet<Admin.Bulk.BulkBatch> BulkBatches => Set<Admin.Bulk.BulkBatch>();

    public DbSet<Admin.Bulk.BulkRow> BulkRows => Set<Admin.Bulk.BulkRow>();

    public DbSet<Promotions.Promotion> Promotions => Set<Promotions.Promotion>();

    public DbSet<Promotions.PromotionCode> PromotionCodes => Set<Promotions.PromotionCode>();

    public DbSet<Promotions.CodeBatch> PromotionCodeBatches => Set<Promotions.CodeBatch>();

    public DbSet<Promotions.Redemption> Redemptions => Set<Promotions.Redemption>();

    public DbSet<Content.ContentBlock> ContentBlocks => Set<Content.ContentBlock>();

    public DbSet<Content.ContentVersion> ContentVersions => Set<Content.ContentVersion>();

    public DbSet<Content.FaqEntry> FaqEntries => Set<Content.FaqEntry>();

    public DbSet<Content.Testimonial> Testimonials => Set<Content.Testimonial>();

    public DbSet<Content.ComparisonRow> ComparisonRows => Set<Content.ComparisonRow>();

    public DbSet<Analytics.AdminAlert> AdminAlerts => Set<Analytics.AdminAlert>();

    public DbSet<Analytics.UsageDay> UsageDays => Set<Analytics.UsageDay>();

    public DbSet<Analytics.ActiveDay> ActiveDays => Set<Analytics.ActiveDay>();

    public DbSet<Analytics.RolledDay> RolledDays => Set<Analytics.RolledDay>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.Entity<AppUser>().Property(u => u.ReferralCode).HasMaxLength(20);
        builder.Entity<AppUser>().HasIndex(u => u.ReferralCode).IsUnique();
        builder.Entity<AppUser>().Property(u => u.ReferredBy).HasMaxLength(450);
        // The admin user list sorts newest first by default.
        builder.Entity<AppUser>().HasIndex(u => new { u.CreatedAt, u.Id });
        UseSnakeCaseColumns(builder);
    }

    // Our own tables use snake_case columns, so the ledger's hand-written SQL reads naturally on
    // both providers. Identity's tables keep the names Identity gives them.
    private static void UseSnakeCaseColumns(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace != typeof(AppUser).Namespace
                     && e.ClrType.Assembly == typeof(AppDbContext).Assembly))
        {
            // A name a configuration chose itself (HasColumnName) stands.
            foreach (var property in entity.GetProperties().Where(p => p.FindAnnotation(RelationalAnnotationNames.ColumnName) is null))
            {
                property.SetColumnName(SnakeCase.From(property.Name));
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite hands DateTime back as Unspecified and PostgreSQL's timestamptz insists on
        // Utc: every DateTime in the model is UTC, and this says so on the way in and out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
