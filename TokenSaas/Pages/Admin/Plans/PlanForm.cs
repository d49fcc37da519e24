using TokenSaas.Ledger;
using TokenSaas.Payments;
using TokenSaas.Plans;

namespace TokenSaas.Pages.Admin.Plans;

/// <summary>One price row of the editor, in major units as admins think of them (₹29.00, $5.00).</summary>
public sealed class PriceRow
{
    public string? Currency { get; set; }

    /// <summary>As typed ("29", "₹1,299.50"); empty: not sold in this currency.</summary>
    public string? Amount { get; set; }
}

/// <summary>
/// The plan editor's form: prices in major units, bullets one per line, the migration as a
/// date in the site's time zone. <see cref="ToInput"/> turns it into what <see cref="PlanEditor"/> takes.
/// </summary>
public sealed class PlanForm
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public long? MonthlyTokens { get; set; }
    public int? DurationDays { get; set; }
    public List<PriceRow> Prices { get; set; } = [];
    public int? AnnualDiscountPercent { get; set; }
    public string? Bullets { get; set; }
    public bool Active { get; set; } = true;
    public int SortOrder { get; set; }
    public bool Grandfather { get; set; } = true;
    public DateOnly? EffectiveDate { get; set; }
    public string? Reason { get; set; }
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");
    public int? ExpectedVersion { get; set; }

    /// <summary>The editor opened on <paramref name="plan"/>, with a row for every currency a gateway here takes.</summary>
    public static PlanForm From(Plan plan, IEnumerable<string> currencies) => new()
    {
        Key = plan.Key,
        Name = plan.Name,
        Description = plan.Description,
        MonthlyTokens = plan.MonthlyTokens,
        DurationDays = plan.DurationDays,
        Prices = currencies.Order().Select(c => new PriceRow
        {
            Currency = c,
            Amount = plan.Prices.FirstOrDefault(p => p.Currency == c) is { } p ? Money.ToInput(p.Amount, c) : null,
        }).ToList(),
        AnnualDiscountPercent = plan.AnnualDiscountPercent,
        Bullets = string.Join('\n', plan.Bullets),
        Active = plan.Active,
        SortOrder = plan.SortOrder,
        ExpectedVersion = plan.Version,
    };

    public static PlanForm Blank(IEnumerable<string> currencies) => new()
    {
        DurationDays = 30,
        SortOrder = 100,
        Prices = currencies.Order().Select(c => new PriceRow { Currency = c }).ToList(),
    };

    /// <summary>The form as the editor's input. Rows left empty are currencies the plan is not sold in; a price that is not an amount is kept as an error.</summary>
    public PlanInput ToInput(TokenCalendar calendar, out string? priceError)
    {
        priceError = null;
        var prices = new List<PriceInput>();
        foreach (var row in Prices.Where(r => !string.IsNullOrWhiteSpace(r.Amount)))
        {
            if (!Money.TryParseMajor(row.Amount, row.Currency ?? "", out var minor))
            {
                priceError = $"The {row.Currency} price \"{row.Amount}\" is not an amount: a number with at most the currency's decimals.";
            }

            prices.Add(new PriceInput(row.Currency, priceError is null ? minor : -1));
        }

        return new PlanInput
        {
            Key = Key?.Trim(),
            Name = Name,
            Description = Description,
            MonthlyTokens = MonthlyTokens,
            DurationDays = DurationDays,
            Prices = prices,
            AnnualDiscountPercent = AnnualDiscountPercent,
            Bullets = (Bullets ?? "").Split('\n'),
            Active = Active,
            SortOrder = SortOrder,
            Grandfather = Grandfather,
            // A date left in the field after choosing "grandfather" again means nothing.
            EffectiveAt = !Grandfather && EffectiveDate is { } day ? calendar.StartOf(day) : null,
            Reason = Reason,
            IdempotencyKey = IdempotencyKey,
            ExpectedVersion = ExpectedVersion,
        };
    }
}
