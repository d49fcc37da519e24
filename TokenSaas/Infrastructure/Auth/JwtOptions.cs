using System.ComponentModel.DataAnnotations;
using System.Text;

namespace TokenSaas.Infrastructure.Auth;

public sealed class JwtOptions : IValidatableObject
{
    public const string Section = "Jwt";
    public const int MinSecretBytes = 32;

    /// <summary>HS256 key. Required outside Development, where one is generated and kept in the data folder.</summary>
    public string? Secret { get; set; }

    public string Issuer { get; set; } = "tokensaas";

    public string Audience { get; set; } = "tokensaas-api";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Secret is null || Encoding.UTF8.GetByteCount(Secret) < MinSecretBytes)
        {
            yield return new ValidationResult(
                $"Jwt:Secret must be set to at least {MinSecretBytes} bytes (e.g. `openssl rand -base64 48`).",
                [nameof(Secret)]);
        }
    }
}
