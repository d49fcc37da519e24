namespace TokenSaas.Payments;

/// <summary>
/// Every message a gateway sent (webhooks, returns, API answers), raw, in arrival order: the
/// audit trail, and, by its unique (gateway, event id), how duplicates are recognised.
/// </summary>
public sealed class PaymentEvent
{
    private PaymentEvent()
    {
        Gateway = EventId = Type = Payload = Outcome = string.Empty;
    }

    public PaymentEvent(string gateway, string eventId, string type, string payload, string? paymentId, DateTime receivedAt)
    {
        Gateway = gateway;
        EventId = eventId;
        Type = type;
        Payload = payload.Length > 20_000 ? payload[..20_000] : payload;
        PaymentId = paymentId;
        ReceivedAt = receivedAt;
        Outcome = "received";
    }

    public long Id { get; private set; }

    public string Gateway { get; private set; }

    public string EventId { get; private set; }

    public string Type { get; private set; }

    public string Payload { get; private set; }

    public string? PaymentId { get; private set; }

    public string Outcome { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public void Handled(string? paymentId, string outcome)
    {
        PaymentId ??= paymentId;
        Outcome = outcome.Length > 200 ? outcome[..200] : outcome;
    }
}
