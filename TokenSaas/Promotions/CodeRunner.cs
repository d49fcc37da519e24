using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenSaas.Data;

namespace TokenSaas.Promotions;

/// <summary>
/// Fills a code batch this caller holds the lease of, one chunk per short transaction: renew the
/// lease (which fails if another instance has taken the batch over), count the codes already
/// stored under the batch, insert the ones still missing with <c>ON CONFLICT (code) DO NOTHING</c>
/// (a random code that exists already is skipped, and drawn again next chunk), and record the new
/// count. The count always comes from the stored rows, so a restarted run carries on from where
/// the last commit left it, and never makes more codes than were asked for.
/// </summary>
public sealed class CodeRunner(AppDbContext db, TimeProvider clock, IOptions<CodeOptions> options, ILogger<CodeRunner> logger)
{
    // Chunks in a row that stored nothing new: the pattern's codes are (almost) all taken, by other runs or shared codes.
    private const int MaxFruitlessChunks = 20;

    private sealed record Step(int Inserted, bool Finished);

    /// <summary>Runs until the batch is done or failed, or <paramref name="owner"/> no longer holds its lease.</summary>
    public async Task RunAsync(long batchId, string owner, CancellationToken cancellationToken)
    {
        var fruitless = 0;
        while (await db.PromotionCodeBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken) is { } batch
               && batch.Status == CodeBatchStatus.Running && batch.LeaseOwner == owner)
        {
            if (!CodePattern.TryParse(batch.Pattern, out var pattern, out var error))
            {
                await FailAsync(batch, owner, error, cancellationToken);
                return;
            }

            if (await ChunkAsync(batch, pattern, owner, cancellationToken) is not { } step)
            {
                logger.LogWarning("Code batch {BatchId}: the lease passed to another instance; stopping here", batchId);
                return;
            }

            if (step.Finished)
            {
                logger.LogInformation("Code batch {BatchId} is done: {Count} codes", batchId, batch.Count);
                return;
            }

            fruitless = step.Inserted == 0 ? fruitless + 1 : 0;
            if (fruitless >= MaxFruitlessChunks)
            {
                await FailAsync(batch, owner, $"Stopped: new random codes from {batch.Pattern} keep matching codes that exist already. " +
                                              "Make the rest from a pattern with more placeholders.", cancellationToken);
                return;
            }
        }
    }

    /// <summary>As <see cref="RunAsync"/>, then gives the lease up, so a run stopped early is carried on at once, here or elsewhere.</summary>
    public async Task RunReleasingAsync(long batchId, string owner, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(batchId, owner, cancellationToken);
        }
        finally
        {
            await db.PromotionCodeBatches.Where(b => b.Id == batchId && b.LeaseOwner == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseOwner, (string?)null).SetProperty(b => b.LeaseUntil, (DateTime?)null),
                    CancellationToken.None);
        }
    }

    private async Task<Step?> ChunkAsync(CodeBatch batch, CodePattern pattern, string owner, CancellationToken cancellationToken)
    {
        // Drawn before the transaction: the write lock is held for the write only.
        var drawn = pattern.Generate(Math.Max(1, Math.Min(options.Value.ChunkSize, batch.Count - batch.Generated)));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Renewing first takes the batch row: an instance taking over a lapsed lease waits for this commit, then finds it renewed.
        var held = await Held(batch.Id, owner)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseUntil, now.AddSeconds(options.Value.LeaseSeconds)), cancellationToken);
        if (held == 0)
        {
            return null;
        }

        var stored = await db.PromotionCodes.CountAsync(c => c.PromotionId == batch.PromotionId && c.BatchId == batch.Id, cancellationToken);
        var inserted = stored < batch.Count ? await InsertAsync(batch, drawn.Take(batch.Count - stored).ToList(), now, cancellationToken) : 0;
        var generated = stored + inserted;
        var finished = generated >= batch.Count;
        await db.PromotionCodeBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(b => b.Generated, generated);
            if (finished)
            {
                s.SetProperty(b => b.Status, CodeBatchStatus.Done).SetProperty(b => b.FinishedAt, now)
                    .SetProperty(b => b.LeaseOwner, (string?)null).SetProperty(b => b.LeaseUntil, (DateTime?)null);
            }
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Step(inserted, finished);
    }

    /// <summary>One statement for the chunk; the codes are parameters, the ids numbers this code owns.</summary>
    private async Task<int> InsertAsync(CodeBatch batch, IReadOnlyList<string> codes, DateTime now, CancellationToken cancellationToken)
    {
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        var parameters = new List<DbParameter> { Parameter(factory, "@now", now) };
        var sql = new StringBuilder("INSERT INTO promotion_codes (code, promotion_id, batch_id, max_uses, uses, created_at) VALUES ");
        var ids = string.Create(CultureInfo.InvariantCulture, $"{batch.PromotionId}, {batch.Id}");
        for (var i = 0; i < codes.Count; i++)
        {
            var name = "@c" + i.ToString(CultureInfo.InvariantCulture);
            parameters.Add(Parameter(factory, name, codes[i]));
            sql.Append(i == 0 ? "(" : ", (").Append(name).Append(", ").Append(ids).Append(", 1, 0, @now)");
        }

        sql.Append(" ON CONFLICT (code) DO NOTHING");
        return await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
    }

    private async Task FailAsync(CodeBatch batch, string owner, string error, CancellationToken cancellationToken)
    {
        logger.LogWarning("Code batch {BatchId} failed: {Error}", batch.Id, error);
        var now = clock.GetUtcNow().UtcDateTime;
        await Held(batch.Id, owner).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, CodeBatchStatus.Failed)
            .SetProperty(b => b.Error, error.Length <= 300 ? error : error[..300]).SetProperty(b => b.FinishedAt, now)
            .SetProperty(b => b.LeaseOwner, (string?)null).SetProperty(b => b.LeaseUntil, (DateTime?)null), cancellationToken);
    }

    private IQueryable<CodeBatch> Held(long batchId, string owner) =>
        db.PromotionCodeBatches.Where(b => b.Id == batchId && b.LeaseOwner == owner && b.Status == CodeBatchStatus.Running);

    private static DbParameter Parameter(DbCommand factory, string name, object value)
    {
        var parameter = factory.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }
}
