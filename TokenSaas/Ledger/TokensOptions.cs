using System.ComponentModel.DataAnnotations;

namespace TokenSaas.Ledger;

public sealed class TokensOptions
{
    public const string Section = "Tokens";

    /// <summary>Bonus tokens every new account starts with.</summary>
    [Range(0, 1_000_000)]
    public long WelcomeBonus { get; set; } = 10;
}
