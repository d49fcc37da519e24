using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenSaas.Promotions;
using TokenSaas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TokenSaas.Tests.Admin.Promotions;

public abstract class CodesJobTests(TestApp app, ITestOutputHelper output)
{
    [Fact]
    public async Task A_run_of_100000_codes_finishes_in_the_background_with_every_code_unique()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var pattern = CodesSteps.NewPattern("####-????");
        var clock = Stopwatch.StartNew();

        var response = await app.AdminApi().GenerateAsync(promotion.Id, 100_000, pattern);
        using var json = await response.ReadJsonAsync();
        var answered = clock.Elapsed;
        var batch = await app.WaitForBatchAsync(json.Long("batch_id"), CodeBatchStatus.Done, TimeSpan.FromSeconds(120));
        output.WriteLine($"{app.Provider}: answered in {answered.TotalMilliseconds:N0} ms, 100,000 codes stored in {clock.Elapsed.TotalSeconds:N1} s");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // Answered before the codes were made: the request started the job, it did not do it.
        Assert.Equal("running", json.Text("status"));
        Assert.True(json.Long("generated") < 100_000);
        Assert.Equal((100_000, 100_000), (batch.Count, batch.Generated));
        var stored = await app.StoredCodesAsync(promotion.Id);
        Assert.Equal(100_000, stored.Count);
        Assert.Equal(100_000, stored.Select(c => c.Code).Distinct().Count());
        Assert.True(CodePattern.TryParse(pattern, out var parsed, out _));
        Assert.All(stored, c => Assert.True(parsed.Matches(c.Code) && c.BatchId == batch.Id && c.MaxUses == 1, c.Code));
        Assert.Null(batch.LeaseOwner);
    }

    [Fact]
    public async Task A_batch_left_running_by_a_dead_instance_is_finished_once_its_lease_lapses_without_duplicates_or_extra_codes()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var pattern = CodesSteps.NewPattern("###-??");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (batchId, early) = await app.WithDbAsync(async db =>
        {
            var batch = new CodeBatch
            {
                PromotionId = promotion.Id, Pattern = pattern, Count = 3_000, Generated = 1_200, Status = CodeBatchStatus.Running,
                CreatedBy = "tests", CreatedAt = now, LeaseOwner = "dead-instance", LeaseUntil = now.AddMinutes(5),
            };
            db.PromotionCodeBatches.Add(batch);
            await db.SaveChangesAsync();
            // More than its Generated says: the dead instance stored a chunk and died before it recorded the count.
            Assert.True(CodePattern.TryParse(pattern, out var parsed, out _));
            var codes = parsed.Generate(1_700).Select(c => new PromotionCode
                { Code = c, PromotionId = promotion.Id, BatchId = batch.Id, MaxUses = 1, CreatedAt = now }).ToList();
            db.PromotionCodes.AddRange(codes);
            await db.SaveChangesAsync();
            return (batch.Id, codes.Select(c => c.Code).ToHashSet());
        });
        var signal = app.Services.GetRequiredService<CodeSignal>();

        signal.Wake();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var held = await app.CodeBatchAsync(batchId);
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        signal.Wake();
        var done = await app.WaitForBatchAsync(batchId, CodeBatchStatus.Done);

        Assert.Equal((1_200, "dead-instance"), (held.Generated, held.LeaseOwner));
        Assert.Equal(3_000, done.Generated);
        var stored = await app.StoredCodesAsync(promotion.Id);
        Assert.Equal(3_000, stored.Count);
        Assert.All(stored, c => Assert.Equal(batchId, c.BatchId));
        Assert.Subset(stored.Select(c => c.Code).ToHashSet(), early);
    }

    [Fact]
    public async Task A_batch_whose_pattern_has_run_out_of_new_codes_fails_with_a_reason_instead_of_running_forever()
    {
        var promotion = await app.CreateCodelessPromotionAsync();
        var pattern = CodesSteps.NewPattern("#");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // Another promotion's codes already hold all eight codes the pattern can make.
        var holder = await app.CreateCodelessPromotionAsync();
        await app.WithDbAsync(db =>
        {
            db.PromotionCodes.AddRange(CodePattern.Digits.Select(d => new PromotionCode
                { Code = pattern[..^1] + d, PromotionId = holder.Id, MaxUses = 1, CreatedAt = now }));
            db.PromotionCodeBatches.Add(new CodeBatch
                { PromotionId = promotion.Id, Pattern = pattern, Count = 4, Status = CodeBatchStatus.Running, CreatedBy = "tests", CreatedAt = now });
            return db.SaveChangesAsync();
        });
        var batchId = await app.WithDbAsync(db => db.PromotionCodeBatches.Where(b => b.PromotionId == promotion.Id).Select(b => b.Id).SingleAsync());

        app.Services.GetRequiredService<CodeSignal>().Wake();
        var failed = await app.WaitForBatchAsync(batchId, CodeBatchStatus.Failed);

        Assert.Equal(0, failed.Generated);
        Assert.StartsWith($"Stopped: new random codes from {pattern} keep matching codes that exist already.", failed.Error);
        Assert.Empty(await app.StoredCodesAsync(promotion.Id));
    }
}

public sealed class CodesJobTests_Sqlite(SqliteApp app, ITestOutputHelper output) : CodesJobTests(app, output), IClassFixture<SqliteApp>;

public sealed class CodesJobTests_Postgres(PostgresApp app, ITestOutputHelper output) : CodesJobTests(app, output), IClassFixture<PostgresApp>;
