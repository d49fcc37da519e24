using System.Globalization;
using TokenSaas.Ledger;

namespace TokenSaas.Admin;

/// <summary>An admin action on one user as posted by a form: every field as typed (checked by <see cref="UserActions.Check"/>).</summary>
public sealed class UserActionInput
{
    /// <summary>allocate · emergency · adjust · unlimited · plan · limits · refund · void</summary>
    public string? Action { get; set; }
    public string? Amount { get; set; }
    /// <summary>UTC, as a date (2026-12-31) or a date and time (2026-12-31T18:00).</summary>
    public string? ExpiresAt { get; set; }
    public string? Reason { get; set; }
    public string? Plan { get; set; }
    public bool ResetUsed { get; set; }
    public bool Unlimited { get; set; }
    public string? PerHour { get; set; }
    public string? PerDay { get; set; }
    public string? GrantId { get; set; }
    public string? EntryId { get; set; }
    /// <summary>Made when the confirm step is shown: confirming twice does it once.</summary>
    public string? Key { get; set; }
}

/// <summary>A checked action: what the confirm step says, and how it runs through the ledger.</summary>
public abstract record UserCommand
{
    public abstract string Confirm(string email);

    public abstract Task<LedgerResult<string>> RunAsync(LedgerService ledger, string userId, AdminAct act, CancellationToken ct);

    protected static string Tokens(long n) => n == 1 ? "1 token" : $"{n:N0} tokens";

    /// <summary>The ledger's answer as the sentence the admin reads, or its failure.</summary>
    protected static LedgerResult<string> Map<T>(LedgerResult<T> result, Func<T, string> message) =>
        result.Failure is { } failure ? failure : message(result.Value!);

    protected static string Until(DateTime? at) => at is { } t ? $", expiring {t:d MMM yyyy, HH:mm} UTC" : string.Empty;
}

public sealed record AllocateCommand(long Amount, DateTime? ExpiresAt, bool Emergency) : UserCommand
{
    public override string Confirm(string email) => Emergency
        ? $"Give {email} an emergency allocation of {Tokens(Amount)}{Until(ExpiresAt)}? It expires by itself."
        : $"Give {email} {Tokens(Amount)} as a bonus{Until(ExpiresAt)}?";

    public override async Task<LedgerResult<string>> RunAsync(LedgerService ledger, string userId, AdminAct act, CancellationToken ct) =>
        Map(await ledger.AllocateAsync(userId, Amount, ExpiresAt, act, Emergency, ct),
            r => $"{Tokens(r.Amount)} given. Balance now {r.Balance:N0}.");

}

public sealed record AdjustCommand(long Delta) : UserCommand
{
    public override string Confirm(string email) => Delta > 0
        ? $"Add {Tokens(Delta)} to {email}'s balance?"
        : $"Take {Tokens(-Delta)} from {email}'s balance? (Never below zero: it is refused if they hold fewer.)";

    public override async Task<LedgerResult<string>> RunAsync(LedgerService ledger, string userId, AdminAct act, CancellationToken ct) =>
        Map(await ledger.AdminAdjustAsync(userId, Delta, act, ct),
            r => $"Balance adjusted by {r.Amount:+#,0;−#,0}. Balance now {r.Balance:N0}.");
}

public sealed record UnlimitedCommand(bool Unlimited) : UserCommand
{
    public override string Confirm(string email) => Unlimited
        ? $"Make {email} unlimited? Their spends will be logged but never refused."
        : $"End {email}'s unlimited access? Spends will need tokens again.";

    public override async Task<LedgerResult<string>> RunAsync(LedgerService ledger, string userId, AdminAct act, CancellationToken ct) =>
        Map(await ledger.SetUnlimitedAsync(userId, Unlimited, act, ct),
            f => f.Unlimited ? "The account is unlimited." : "The account is no longer unlimited.");
}

public sealed record PlanCommand(string Plan, bool ResetUsed) : UserCommand
{
    public override string Confirm(string email) =>
        $"Move {email} to the {Plan} plan without a payment{(ResetUsed ? ", and reset this month's usage" : string.Empty)}?";

    public override async Task<LedgerResult<string>> RunAsync(LedgerService ledger, string userId, AdminAct act, CancellationToken ct) =>
        Map(await ledger.AdminChangePlanAsync(userId, Plan, ResetUsed, act, ct),
            u => $"Now on {u.Plan}: {u.Remaining:N0} of {u.TokenQuota:N0} plan tokens left this month.");
}

public sealed record LimitsCommand(long? PerHour, long? PerDay) : UserCommand
{
    public override string Confirm(string email) => PerHour is null && PerDay is null
        ? $"Remove {email}'s spend limits?"
        : $"Limit {email} to {Describe(PerHour, "hour")}{(PerHour is not null && PerDay is not null ? " and " : string.Empty)}{Describe(PerDay, "24 hours")}?";

    public override async Task<LedgerResult<string>> RunAsync(LedgerService ledger, string userId, AdminAct act, CancellationToken ct) =>
        Map(await ledger.SetLimitsAsync(userId, PerHour, PerDay, act, ct),
            f => f.PerHour is null && f.PerDay is null ? "No spend limits." : $"Limits set: {Describe(f.PerHour, "hour")} {Describe(f.PerDay, "24 hours")}".Trim() + ".");

    private static string Describe(long? limit, string period) => limit is { } n ? $"{Tokens(n)} per {period}" : string.Empty;
}

public sealed record RefundCommand(long EntryId) : UserCommand
{
    public override string Confirm(string email) => $"Refund spend #{EntryId} to {email}? The tokens go back to the grants that paid.";

    public override async Task<LedgerResult<string>> RunAsync(LedgerService ledger, string userId, AdminAct act, CancellationToken ct) =>
        Map(await ledger.AdminRefundAsync(EntryId, act, ct), r => $"{Tokens(r.Refunded)} refunded. Balance now {r.Balance:N0}.");
}

public sealed record VoidCommand(long GrantId) : UserCommand
{
    public override string Confirm(string email) => $"Void what is left of grant #{GrantId} of {email}? Those tokens expire now.";

    public override async Task<LedgerResult<string>> RunAsync(LedgerService ledger, string userId, AdminAct act, CancellationToken ct) =>
        Map(await ledger.VoidGrantAsync(userId, GrantId, act, ct), r => $"{Tokens(r.Voided)} voided. Balance now {r.Balance:N0}.");
}

/// <summary>Checks what an admin typed for an action on a user, field by field, with messages a person can act on.</summary>
public static class UserActions
{
    public static readonly IReadOnlyList<string> Names = ["allocate", "emergency", "adjust", "unlimited", "plan", "limits", "refund", "void"];

    /// <summary>
    /// The command, or messages keyed by field. The reason is required when <paramref name="requireReason"/>
    /// (always when running; refunds and voids start from a table button and ask for it in the confirm step).
    /// </summary>
    public static (UserCommand? Command, Dictionary<string, string> Errors) Check(UserActionInput input, bool requireReason, DateTime now)
    {
        var errors = new Dictionary<string, string>();
        var reason = input.Reason?.Trim();
        if (requireReason && string.IsNullOrEmpty(reason))
        {
            errors[nameof(input.Reason)] = "Give a reason: it is kept in the audit log.";
        }
        else if (reason is { Length: > 200 })
        {
            errors[nameof(input.Reason)] = $"Keep the reason to 200 characters (it has {reason.Length}).";
        }

        UserCommand? command = input.Action switch
        {
            "allocate" => Amount(1) is { } n ? new AllocateCommand(n, Expiry(), Emergency: false) : null,
            "emergency" => Amount(1) is { } n ? new AllocateCommand(n, Expiry() ?? now + LedgerService.EmergencyLifetime, Emergency: true) : null,
            "adjust" => Amount(-LedgerService.MaxAdminAmount) is { } d && d != 0 ? new AdjustCommand(d) : Zero(),
            "unlimited" => new UnlimitedCommand(input.Unlimited),
            "plan" => string.IsNullOrWhiteSpace(input.Plan) ? Fail(nameof(input.Plan), "Choose a plan.") : new PlanCommand(input.Plan.Trim(), input.ResetUsed),
            "limits" => Limits(),
            "refund" => Id(input.EntryId, nameof(input.EntryId), "entry") is { } e ? new RefundCommand(e) : null,
            "void" => Id(input.GrantId, nameof(input.GrantId), "grant") is { } g ? new VoidCommand(g) : null,
            _ => Fail(nameof(input.Action), "Choose an action."),
        };
        return errors.Count > 0 ? (null, errors) : (command, errors);

        UserCommand? Fail(string field, string message)
        {
            errors[field] = message;
            return null;
        }

        UserCommand? Zero()
        {
            errors.TryAdd(nameof(input.Amount), "Enter a number of tokens other than zero: positive adds, negative takes away.");
            return null;
        }

        long? Amount(long min) => Parse(input.Amount, nameof(input.Amount), min, LedgerService.MaxAdminAmount,
            min > 0 ? $"Enter a whole number of tokens from 1 to {LedgerService.MaxAdminAmount:N0}."
                : $"Enter a whole number of tokens from −{LedgerService.MaxAdminAmount:N0} to {LedgerService.MaxAdminAmount:N0}.", required: true);

        DateTime? Expiry()
        {
            if (string.IsNullOrWhiteSpace(input.ExpiresAt))
            {
                return null;
            }

            string[] formats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss'Z'"];
            if (!DateTime.TryParseExact(input.ExpiresAt.Trim(), formats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                errors[nameof(input.ExpiresAt)] = "Enter the expiry as a date and time, like 2026-12-31T18:00 (UTC).";
                return null;
            }

            at = DateTime.SpecifyKind(at, DateTimeKind.Utc);
            if (at <= now)
            {
                errors[nameof(input.ExpiresAt)] = "The expiry must be in the future.";
            }

            return at;
        }

        UserCommand? Limits()
        {
            var hour = Parse(input.PerHour, nameof(input.PerHour), 1, LedgerService.MaxAdminAmount, "Enter tokens per hour as a whole number of at least 1, or leave it empty for no limit.");
            var day = Parse(input.PerDay, nameof(input.PerDay), 1, LedgerService.MaxAdminAmount, "Enter tokens per 24 hours as a whole number of at least 1, or leave it empty for no limit.");
            if (hour is not null && day is not null && day < hour)
            {
                errors[nameof(input.PerDay)] = "The daily limit cannot be lower than the hourly one.";
            }

            return new LimitsCommand(hour, day);
        }

        long? Id(string? text, string field, string what) =>
            Parse(text, field, 1, long.MaxValue, $"That {what} does not exist.", required: true);

        long? Parse(string? text, string field, long min, long max, string message, bool required = false)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    errors[field] = message;
                }

                return null;
            }

            var trimmed = text.Trim().Replace("−", "-", StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
            if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            errors[field] = message;
            return null;
        }
    }
}
