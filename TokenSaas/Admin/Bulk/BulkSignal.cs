using TokenSaas.Scheduling;

namespace TokenSaas.Admin.Bulk;

/// <summary>Wakes the <see cref="BulkWorker"/> at once when a batch starts or is reversed in this instance.</summary>
public sealed class BulkSignal : WakeSignal;
