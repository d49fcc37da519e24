namespace TokenSaas.Audit;

/// <summary>
/// One admin action, as it happened: who, what, to what, before → after, why, from where.
/// Rows are only ever inserted. <see cref="Id"/> is the row's place in the chain (1, 2, 3 …);
/// each row stores the hash of the one before it and its own hash over its canonical JSON
/// (<see cref="AuditChain"/>), so an edited or deleted row breaks the chain where it happened.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxReasonLength = 200;

    private AuditEntry()
    {
        ActorId = ActorEmail = Action = TargetType = TargetId = PrevHash = Hash = string.Empty;
    }

    public long Id { get; private set; }

    public DateTime At { get; private set; }

    public string ActorId { get; private set; }

    public string ActorEmail { get; private set; }

    /// <summary>What was done: <c>tokens.allocate</c>, <c>user.unlimited</c>, … (see <see cref="AuditActions"/>).</summary>
    public string Action { get; private set; }

    public string TargetType { get; private set; }

    public string TargetId { get; private set; }

    /// <summary>JSON of the state before, or null when there was none.</summary>
    public string? Before { get; private set; }

    /// <summary>JSON of the state after.</summary>
    public string? After { get; private set; }

    public string? Reason { get; private set; }

    public string? Ip { get; private set; }

    /// <summary>Makes one admin submit one row, however often it is retried; null for reads such as exports.</summary>
    public string? IdempotencyKey { get; private set; }

    public string PrevHash { get; private set; }

    public string Hash { get; private set; }
}

/// <summary>The head of the chain (one row): the last row's id and hash, so deleting the newest rows is noticed too.</summary>
public sealed class AuditHead
{
    public const int SingletonId = 1;

    public int Id { get; private set; }

    public long Seq { get; private set; }

    public string Hash { get; private set; } = string.Empty;
}
