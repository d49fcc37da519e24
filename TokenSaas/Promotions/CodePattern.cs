using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace TokenSaas.Promotions;

/// <summary>
/// How bulk codes look: <c>#</c> is a digit, <c>?</c> a letter, anything else is copied as it is
/// (<c>SPRING-####-????</c>). Only the placeholders are random, and they are drawn from alphabets
/// without characters people mistake for one another when they read a code off a card or type it.
/// </summary>
public sealed class CodePattern
{
    public const char Digit = '#';
    public const char Letter = '?';
    public const int MaxLength = PromotionCode.MaxLength;

    /// <summary>
    /// 2–9: 0 reads as O and 1 as I or L. The letters that look like these digits are dropped
    /// instead (B, S, Z below), so each digit keeps one meaning.
    /// </summary>
    public const string Digits = "23456789";

    /// <summary>
    /// A–Z without I and L (read as 1), O (read as 0), and B, S, Z (read as 8, 5, 2): twenty letters.
    /// Codes are matched case-insensitively, so lower-case look-alikes do not arise.
    /// </summary>
    public const string Letters = "ACDEFGHJKMNPQRTUVWXY";

    public const string Example = "SPRING-####-????";

    public static readonly string PlaceholderHint =
        $"# is a digit ({Digits[0]}–{Digits[^1]}), ? is a letter (A–Z without {string.Join(", ", "ABCDEFGHIJKLMNOPQRSTUVWXYZ".Except(Letters))}); "
        + "letters, digits, - and _ are kept as they are.";

    private CodePattern(string text)
    {
        Text = text;
        DigitCount = text.Count(c => c == Digit);
        LetterCount = text.Count(c => c == Letter);
        Combinations = BigInteger.Pow(Digits.Length, DigitCount) * BigInteger.Pow(Letters.Length, LetterCount);
    }

    /// <summary>Upper case, as stored.</summary>
    public string Text { get; }

    public int DigitCount { get; }

    public int LetterCount { get; }

    /// <summary>How many different codes the pattern can give (a BigInteger: 40 placeholders give 20^40).</summary>
    public BigInteger Combinations { get; }

    /// <summary>The most one run may ask of it: half its combinations, so drawing at random keeps finding new codes quickly.</summary>
    public BigInteger MaxCount => Combinations / 2;

    public static bool TryParse(string? typed, out CodePattern pattern, out string error)
    {
        pattern = null!;
        var text = (typed ?? string.Empty).Trim().ToUpperInvariant();
        error = text switch
        {
            "" => $"Enter a pattern, such as {Example}.",
            { Length: > MaxLength } => $"A pattern is at most {MaxLength} characters; this one has {text.Length}.",
            _ when text.FirstOrDefault(c => !Allowed(c)) is var bad and not '\0' =>
                $"A pattern may hold only letters A–Z, digits 0–9, - and _, with # for a digit and ? for a letter; '{bad}' is not allowed.",
            _ when text[0] is '-' or '_' => "Start the pattern with a letter, a digit or a placeholder, not '-' or '_'.",
            _ when !text.Contains(Digit) && !text.Contains(Letter) =>
                $"Add at least one placeholder (# for a digit, ? for a letter), such as {Example}: without one every code would be the same.",
            _ => string.Empty,
        };
        if (error.Length > 0)
        {
            return false;
        }

        pattern = new CodePattern(text);
        return true;
    }

    /// <summary>Why <paramref name="count"/> codes cannot be made from this pattern (one run), or null when they can.</summary>
    public string? CheckCount(long count) =>
        CheckRange(count) ?? (count > MaxCount ? $"{Text} gives only {Combinations:N0} codes: ask for at most {MaxCount:N0}, or add placeholders." : null);

    /// <summary>Why no pattern could make <paramref name="count"/> codes in one run, or null.</summary>
    public static string? CheckRange(long count) => count switch
    {
        < 1 => "Ask for at least 1 code.",
        > CodeBatch.MaxCount => $"At most {CodeBatch.MaxCount:N0} codes can be made in one run; ask for {count:N0} in several runs.",
        _ => null,
    };

    /// <summary>A description for the form: what the placeholders give.</summary>
    public string Describe() =>
        $"{Text}: {DigitCount} digit{(DigitCount == 1 ? "" : "s")} and {LetterCount} letter{(LetterCount == 1 ? "" : "s")}, "
        + $"{Combinations:N0} possible codes; up to {BigInteger.Min(MaxCount, CodeBatch.MaxCount):N0} in one run.";

    /// <summary>
    /// <paramref name="count"/> different codes drawn at random (a cryptographic generator: a code
    /// is as good as a voucher, so the next one must not be guessable from those already seen).
    /// </summary>
    public IReadOnlyCollection<string> Generate(int count)
    {
        var codes = new HashSet<string>(count, StringComparer.Ordinal);
        var buffer = new StringBuilder(Text.Length);
        while (codes.Count < count)
        {
            buffer.Clear();
            foreach (var c in Text)
            {
                buffer.Append(c switch
                {
                    Digit => Digits[RandomNumberGenerator.GetInt32(Digits.Length)],
                    Letter => Letters[RandomNumberGenerator.GetInt32(Letters.Length)],
                    _ => c,
                });
            }

            codes.Add(buffer.ToString());
        }

        return codes;
    }

    /// <summary>Whether <paramref name="code"/> (upper case) could have come from this pattern.</summary>
    public bool Matches(string code) =>
        code.Length == Text.Length && Text.Zip(code).All(p => p.First switch
        {
            Digit => Digits.Contains(p.Second),
            Letter => Letters.Contains(p.Second),
            _ => p.First == p.Second,
        });

    private static bool Allowed(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or Digit or Letter;
}
