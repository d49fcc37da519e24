namespace TokenSaas.Payments;

public enum PaymentStatus
{
    Created,
    Pending,
    Succeeded,
    Failed,
    Refunded,
}

/// <summary>
/// One attempt to pay for a pack or a plan. Its status only moves forward (created → pending →
/// succeeded | failed → refunded); what it bought is credited by the ledger, once, under the key
/// <see cref="LedgerKey"/>, whatever reports the payment and however often.
/// </summary>
public sealed class Payment
{
    private Payment()
    {
        Id = UserId = Gateway = ItemKey = Currency = IdempotencyKey = string.Empty;
    }

    public Payment(string userId, string gateway, PaymentItem item, string idempotencyKey, DateTime now)
    {
        Id = "pay_" + Guid.NewGuid().ToString("N");
        UserId = userId;
        Gateway = gateway;
        Kind = item.Kind;
        ItemKey = item.Key;
        Tokens = item.Tokens;
        BonusTokens = item.BonusTokens;
        Amount = ListAmount = item.Amount;
        Currency = item.Currency;
        PlanVersion = item.PlanVersion;
        IdempotencyKey = idempotencyKey;
        Status = PaymentStatus.Created;
        CreatedAt = UpdatedAt = now;
    }

    public string Id { get; private set; }

    public string UserId { get; private set; }

    public string Gateway { get; private set; }

    public PaymentKind Kind { get; private set; }

    /// <summary>The pack or plan key.</summary>
    public string ItemKey { get; private set; }

    public long Tokens { get; private set; }

    public long BonusTokens { get; private set; }

    /// <summary>What the buyer is charged, in the currency's minor unit: the list price less any promotion's discount.</summary>
    public long Amount { get; private set; }

    /// <summary>The price before any promotion.</summary>
    public long ListAmount { get; private set; }

    public long Discount { get; private set; }

    public long? PromotionId { get; private set; }

    public string? PromotionCode { get; private set; }

    public string? PromotionVariant { get; private set; }

    /// <summary>Tokens the promotion adds (part of <see cref="BonusTokens"/> for a pack; granted to the bonus bucket for a plan).</summary>
    public long PromotionBonus { get; private set; }

    public string Currency { get; private set; }

    /// <summary>For a plan: the version this payment was priced at, and the one it buys.</summary>
    public int? PlanVersion { get; private set; }

    public PaymentStatus Status { get; private set; }

    /// <summary>The gateway's id for the checkout: Stripe session, Razorpay order, PayU txnid, sandbox id.</summary>
    public string? GatewayOrderId { get; private set; }

    /// <summary>The gateway's id for the money movement: Stripe payment intent, Razorpay payment.</summary>
    public string? GatewayPaymentId { get; private set; }

    public string IdempotencyKey { get; private set; }

    /// <summary>Where the buyer pays (redirecting gateways), kept so a repeated checkout request can answer the same.</summary>
    public string? CheckoutUrl { get; private set; }

    public string? FailureReason { get; private set; }

    /// <summary>Tokens a refund could not take back because they were already spent.</summary>
    public long RefundShortfall { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? PaidAt { get; private set; }

    public string LedgerKey => $"payment:{Id}";

    /// <summary>The tokens a pack payment credits (a plan's come from the plan, plus any promotion bonus).</summary>
    public long TotalTokens => Tokens + BonusTokens;

    /// <summary>Prices the payment with a promotion: the gateway is asked for the discounted amount.</summary>
    public void Apply(Promotions.PromoQuote quote)
    {
        PromotionId = quote.PromotionId;
        PromotionCode = quote.Code;
        PromotionVariant = quote.Variant;
        Discount = quote.Discount;
        Amount = ListAmount - quote.Discount;
        PromotionBonus = quote.BonusTokens;
        if (Kind == PaymentKind.Pack)
        {
            BonusTokens += quote.BonusTokens;
        }
    }

    public void Opened(string gatewayOrderId, string? checkoutUrl, DateTime now)
    {
        GatewayOrderId = gatewayOrderId;
        CheckoutUrl = checkoutUrl;
        Status = PaymentStatus.Pending;
        UpdatedAt = now;
    }
}

public enum PaymentKind
{
    Pack,
    Plan,
}

/// <summary>What a payment buys, priced by the server.</summary>
public sealed record PaymentItem(PaymentKind Kind, string Key, string Name, long Tokens, long BonusTokens, long Amount, string Currency)
{
    public int? PlanVersion { get; init; }
}
