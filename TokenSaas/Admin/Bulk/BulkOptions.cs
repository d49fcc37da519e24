using System.ComponentModel.DataAnnotations;

namespace TokenSaas.Admin.Bulk;

public sealed class BulkOptions
{
    public const string Section = "Bulk";

    /// <summary>Rows granted at once (all in flight through the ledger), then checkpointed in one transaction.</summary>
    [Range(1, 5_000)]
    public int ChunkSize { get; set; } = 500;

    /// <summary>How long a claim on a batch lasts without a checkpoint; after that another instance takes over.</summary>
    [Range(1, 3_600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often the worker looks for work it was not woken for (another instance's batch, a lapsed lease).</summary>
    [Range(1, 300)]
    public int PollSeconds { get; set; } = 5;
}
