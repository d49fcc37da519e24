using System.ComponentModel.DataAnnotations;

namespace TokenSaas.Promotions;

public sealed class PromotionsOptions
{
    public const string Section = "Promotions";

    /// <summary>
    /// Uses of one promotion one address may account for (not counting freed ones) before it is
    /// flagged for review: with 5, an address with a sixth use is flagged. A household or an office
    /// shares an address, so a handful is normal.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Promotions:FlagIpRedemptions must be a whole number from 1 to 1,000,000.")]
    public int FlagIpRedemptions { get; set; } = 5;
}
