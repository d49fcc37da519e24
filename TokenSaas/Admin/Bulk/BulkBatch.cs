namespace TokenSaas.Admin.Bulk;

public enum BulkStatus
{
    /// <summary>Checked (a dry run); nothing granted yet.</summary>
    Checked,
    Running,
    Done,
    Reversing,
    Reversed,
}

public enum BulkRowStatus
{
    /// <summary>Valid, not granted yet.</summary>
    Pending,
    Granted,
    /// <summary>Valid when checked, refused when run (the user was removed, say).</summary>
    Failed,
    /// <summary>Refused by the check: unknown email, bad amount, duplicate …</summary>
    Invalid,
    Reversed,
}

/// <summary>
/// A CSV of allocations (email,amount[,expires_at][,reason]), checked, then granted row by row by
/// a background job. <see cref="NextRow"/> is the job's checkpoint: after a restart it carries on
/// from there, and rows it had already granted are answered by their idempotency key
/// (<c>bulk:{id}:{row}</c>) without granting again.
/// </summary>
public sealed class BulkBatch : Scheduling.ILeasedBatch
{
    public long Id { get; set; }

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public string CreatedByEmail { get; set; } = string.Empty;

    public string FileName { get; set; } = string.Empty;

    /// <summary>Used for rows whose own reason cell is empty.</summary>
    public string Reason { get; set; } = string.Empty;

    public BulkStatus Status { get; set; }

    public int Rows { get; set; }

    public int Valid { get; set; }

    public int Invalid { get; set; }

    public long TotalTokens { get; set; }

    /// <summary>Rows the job has finished with (granted or failed).</summary>
    public int Done { get; set; }

    public int Failed { get; set; }

    /// <summary>Rows whose grant was reversed, and the tokens that could not be taken back (already spent).</summary>
    public int ReversedRows { get; set; }

    public long ReversalShortfall { get; set; }

    /// <summary>The first row (1-based) the job has not finished with; rows are processed in order.</summary>
    public int NextRow { get; set; } = 1;

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public DateTime? ReversedAt { get; set; }

    /// <summary>The instance working on the batch and until when; another takes over when the lease lapses.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }
}

/// <summary>One CSV row of a batch, as checked and as it ended.</summary>
public sealed class BulkRow
{
    public long BatchId { get; set; }

    /// <summary>1-based, not counting the header.</summary>
    public int Row { get; set; }

    public string Email { get; set; } = string.Empty;

    public string? UserId { get; set; }

    public long? Amount { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public string? Reason { get; set; }

    public BulkRowStatus Status { get; set; }

    public long? EntryId { get; set; }

    public string? Error { get; set; }

    /// <summary>Tokens taken back by the reversal.</summary>
    public long? ReversedTokens { get; set; }
}
