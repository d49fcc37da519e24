using Microsoft.EntityFrameworkCore;
using TokenSaas.Data;
using TokenSaas.Features;
using TokenSaas.Ledger;

namespace TokenSaas.Studio;

/// <summary>A studio run's outcome: the project made, what it cost, and the balance after.</summary>
public sealed record StudioRun(Project Project, long Spent, long Balance);

/// <summary>
/// The TokenGate: reserve the feature's cost (a hold), run the action, then capture on success
/// or release on failure: seed 001's "deduct after success, refund on failure". The run's key
/// makes a double click one charge and one project.
/// </summary>
public sealed class StudioService(
    LedgerService ledger,
    Notifications.NotificationService notifications,
    Microsoft.Extensions.Options.IOptions<TokensOptions> options,
    FeatureCatalog features,
    IEnumerable<IStudioAction> actions,
    AppDbContext db,
    TimeProvider clock,
    ILogger<StudioService> logger)
{
    public const int MaxInput = 20_000;

    public static string? Validate(string? input) => input?.Trim() switch
    {
        null or "" => "Write something for the studio to work with.",
        { Length: > MaxInput } => $"That is too long: keep it under {MaxInput:N0} characters.",
        _ => null,
    };

    public async Task<LedgerResult<StudioRun>> RunAsync(string userId, string featureKey, string? input, string? key,
        CancellationToken cancellationToken)
    {
        if (Validate(input) is { } invalid)
        {
            return new LedgerFailure(LedgerError.Invalid, invalid);
        }

        if (await features.FindAsync(featureKey, cancellationToken) is not { } feature
            || actions.FirstOrDefault(a => a.Features.Contains(feature.Key)) is not { } action)
        {
            return new LedgerFailure(LedgerError.UnknownFeature, $"unknown feature '{featureKey}'");
        }

        if (SystemKeys.Validate(key) is { } keyError)
        {
            return new LedgerFailure(LedgerError.Invalid, keyError);
        }

        if (await FindAsync(userId, key!, cancellationToken) is { } earlier)
        {
            return new StudioRun(earlier, feature.Cost, (await ledger.GetBalanceAsync(userId, cancellationToken)).Total);
        }

        if (feature.IsFree)
        {
            return await RunFreeAsync(userId, feature, action, input!.Trim(), key!, cancellationToken);
        }

        var hold = await ledger.HoldAsync(userId, feature.Key, 1, key, cancellationToken: cancellationToken);
        if (hold.Failure is { } refused)
        {
            return refused;
        }

        StudioOutput output;
        try
        {
            output = await action.RunAsync(feature.Key, input!.Trim(), cancellationToken);
        }
        catch (StudioActionException ex)
        {
            var released = await ledger.ReleaseAsync(userId, hold.Value!.HoldId, CancellationToken.None);
            logger.LogInformation("{Feature} failed for user {UserId}; {Tokens} token(s) returned", feature.Key, userId, released.Value?.Released);
            return new LedgerFailure(LedgerError.ActionFailed, ex.Message, released.Value?.Balance);
        }

        var capture = await ledger.CaptureAsync(userId, hold.Value!.HoldId, CancellationToken.None);
        if (capture.Failure is { } late)
        {
            return late;
        }

        if (capture.Value!.Balance < options.Value.LowBalanceThreshold)
        {
            await notifications.NotifyOnceAsync(userId, "low_balance", "Your balance is low",
                $"You have {capture.Value.Balance:N0} tokens left.", "/tokens/buy", CancellationToken.None);
        }

        return await SaveAsync(new Project(userId, feature.Key, key!, input!.Trim(), output, hold.Value.HoldId, clock.GetUtcNow().UtcDateTime),
            capture.Value.Spent, capture.Value.Balance);
    }

    // Nothing to reserve: run it, then log the use (one entry, amount 0).
    private async Task<LedgerResult<StudioRun>> RunFreeAsync(string userId, Feature feature, IStudioAction action, string input, string key,
        CancellationToken cancellationToken)
    {
        StudioOutput output;
        try
        {
            output = await action.RunAsync(feature.Key, input, cancellationToken);
        }
        catch (StudioActionException ex)
        {
            return new LedgerFailure(LedgerError.ActionFailed, ex.Message);
        }

        var logged = await ledger.SpendAsync(userId, feature.Key, 1, key, cancellationToken: CancellationToken.None);
        return logged.Failure is { } failure
            ? failure
            : await SaveAsync(new Project(userId, feature.Key, key, input, output, null, clock.GetUtcNow().UtcDateTime), 0, logged.Value!.Balance);
    }

    private async Task<LedgerResult<StudioRun>> SaveAsync(Project project, long spent, long balance)
    {
        db.Projects.Add(project);
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            project = (await FindAsync(project.UserId, project.RunKey, CancellationToken.None))!;
        }

        return new StudioRun(project, spent, balance);
    }

    /// <summary>Whether the studio has an action for <paramref name="featureKey"/>; features an admin adds for the API alone have none.</summary>
    public bool Runs(string featureKey) => actions.Any(a => a.Features.Contains(featureKey));

    public Task<Project?> FindAsync(string userId, long id, CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.UserId == userId, cancellationToken);

    public async Task<IReadOnlyList<Project>> RecentAsync(string userId, int count, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().Where(p => p.UserId == userId).OrderByDescending(p => p.Id).Take(count).ToListAsync(cancellationToken);

    private Task<Project?> FindAsync(string userId, string key, CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId && p.RunKey == key, cancellationToken);
}
