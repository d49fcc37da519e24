using System.ComponentModel.DataAnnotations;

namespace TokenSaas.Promotions;

public sealed class CodeOptions
{
    public const string Section = "PromotionCodes";

    /// <summary>
    /// Codes stored per statement and transaction. Each chunk holds SQLite's one write lock while it
    /// writes, so it stays small enough that other users' writes seldom wait behind it.
    /// </summary>
    [Range(1, 5_000)]
    public int ChunkSize { get; set; } = 2_000;

    /// <summary>How long a claim on a batch lasts without a chunk; after that another instance takes over.</summary>
    [Range(1, 3_600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often the worker looks for work it was not woken for (another instance's batch, a lapsed lease).</summary>
    [Range(1, 300)]
    public int PollSeconds { get; set; } = 5;
}
