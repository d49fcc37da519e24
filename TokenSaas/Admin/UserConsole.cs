using TokenSaas.Audit;
using TokenSaas.Ledger;

namespace TokenSaas.Admin;

/// <summary>Where an action on a user stands: waiting for confirmation, refused (with messages), or done.</summary>
public sealed record ActionStep(UserCommand? Command, IReadOnlyDictionary<string, string> Errors, string? Key, string? Done = null)
{
    public bool Confirmed => Done is not null;
}

/// <summary>The two steps of every admin action on a user: review (check, then ask to confirm under a fresh key) and run.</summary>
public sealed class UserConsole(LedgerService ledger, TimeProvider clock)
{
    public ActionStep Review(UserActionInput input)
    {
        var (command, errors) = UserActions.Check(input, requireReason: input.Action is not ("refund" or "void"), Now);
        return new ActionStep(command, errors, command is null ? null : Guid.NewGuid().ToString("N"));
    }

    public async Task<ActionStep> RunAsync(string userId, UserActionInput input, AdminActor actor, CancellationToken cancellationToken)
    {
        var (command, errors) = UserActions.Check(input, requireReason: true, Now);
        if (command is null)
        {
            return new ActionStep(null, errors, input.Key);
        }

        var result = await command.RunAsync(ledger, userId, new AdminAct(actor, input.Reason, input.Key), cancellationToken);
        return result.Failure is { } failure
            ? new ActionStep(command, new Dictionary<string, string> { [string.Empty] = Sentence(failure.Message) }, input.Key)
            : new ActionStep(command, errors, input.Key, result.Value);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string Sentence(string message) => char.ToUpperInvariant(message[0]) + message[1..].TrimEnd('.') + ".";
}
