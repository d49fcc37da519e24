using TokenSaas.Promotions;

namespace TokenSaas.Tests.Promotions;

public sealed class CodePatternTests
{
    [Theory]
    [InlineData("", "Enter a pattern, such as SPRING-####-????.")]
    [InlineData("   ", "Enter a pattern, such as SPRING-####-????.")]
    [InlineData("SPRING", "Add at least one placeholder (# for a digit, ? for a letter), such as SPRING-####-????: without one every code would be the same.")]
    [InlineData("SPRING ####", "A pattern may hold only letters A–Z, digits 0–9, - and _, with # for a digit and ? for a letter; ' ' is not allowed.")]
    [InlineData("SPRÍNG-####", "A pattern may hold only letters A–Z, digits 0–9, - and _, with # for a digit and ? for a letter; 'Í' is not allowed.")]
    [InlineData("=CMD-####", "A pattern may hold only letters A–Z, digits 0–9, - and _, with # for a digit and ? for a letter; '=' is not allowed.")]
    [InlineData("-####", "Start the pattern with a letter, a digit or a placeholder, not '-' or '_'.")]
    [InlineData("SPRING-#############################-????", "A pattern is at most 40 characters; this one has 41.")]
    public void A_pattern_that_cannot_make_codes_is_refused_with_the_reason(string typed, string message)
    {
        Assert.False(CodePattern.TryParse(typed, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_pattern_is_upper_cased_and_counts_its_combinations()
    {
        Assert.True(CodePattern.TryParse(" spring-##-?? ", out var pattern, out _));

        Assert.Equal("SPRING-##-??", pattern.Text);
        Assert.Equal(8 * 8 * 20 * 20, (int)pattern.Combinations);
    }

    [Fact]
    public void Combinations_of_a_long_pattern_do_not_overflow()
    {
        Assert.True(CodePattern.TryParse(new string('?', 40), out var pattern, out _));

        Assert.Equal(System.Numerics.BigInteger.Pow(20, 40), pattern.Combinations);
        Assert.Null(pattern.CheckCount(100_000));
    }

    [Theory]
    [InlineData(0, "Ask for at least 1 code.")]
    [InlineData(-5, "Ask for at least 1 code.")]
    [InlineData(100_001, "At most 100,000 codes can be made in one run; ask for 100,001 in several runs.")]
    [InlineData(5, "SPRING-# gives only 8 codes: ask for at most 4, or add placeholders.")]
    public void A_count_outside_what_one_run_may_make_is_refused(long count, string message)
    {
        Assert.True(CodePattern.TryParse("SPRING-" + (count == 5 ? "#" : "####-????"), out var pattern, out _));

        Assert.Equal(message, pattern.CheckCount(count));
    }

    [Fact]
    public void Half_the_combinations_is_the_most_one_run_may_ask_for()
    {
        Assert.True(CodePattern.TryParse("SPRING-#", out var pattern, out _));

        Assert.Null(pattern.CheckCount(4));
        Assert.NotNull(pattern.CheckCount(5));
    }

    [Fact]
    public void The_alphabets_hold_no_look_alike_characters()
    {
        foreach (var c in "01ILOBSZ")
        {
            Assert.DoesNotContain(c, CodePattern.Digits + CodePattern.Letters);
        }

        Assert.Equal("23456789", CodePattern.Digits);
        Assert.Equal(20, CodePattern.Letters.Distinct().Count());
    }

    [Fact]
    public void Generated_codes_are_distinct_follow_the_pattern_and_avoid_look_alikes()
    {
        Assert.True(CodePattern.TryParse("SPRING-####-????", out var pattern, out _));

        var codes = pattern.Generate(20_000);

        Assert.Equal(20_000, codes.Distinct().Count());
        Assert.All(codes, code => Assert.True(pattern.Matches(code), code));
        var random = string.Concat(codes.Select(c => c["SPRING-".Length..]));
        Assert.DoesNotContain(random, c => "01ILOBSZ".Contains(c));
        // Every allowed character turns up: the draw covers the whole alphabet, not a part of it.
        Assert.Equal((CodePattern.Digits + CodePattern.Letters + "-").Order(), random.Distinct().Order());
    }

    [Fact]
    public void Every_code_a_small_pattern_allows_can_be_drawn()
    {
        Assert.True(CodePattern.TryParse("A#", out var pattern, out _));

        Assert.Equal(CodePattern.Digits.Select(d => "A" + d).Order(), pattern.Generate(8).Order());
    }
}
