using System.ComponentModel.DataAnnotations;

namespace TokenSaas.Promotions;

public sealed class PromotionsOptions
{
    public const string Section = "Promotions";

    /// <summary>An address with this many uses of one promotion (not counting freed ones) is flagged for review.</summary>
    [Range(2, 1_000_000, ErrorMessage = "Promotions:FlagIpRedemptions must be a whole number from 2 to 1,000,000.")]
    public int FlagIpRedemptions { get; set; } = 5;
}
