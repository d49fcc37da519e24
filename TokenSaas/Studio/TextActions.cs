using System.Text;
using System.Text.RegularExpressions;

namespace TokenSaas.Studio;

/// <summary>
/// The text features: reports drawn from the text itself (keywords, structure, counts), filled
/// templates, and job matching by shared keywords. Deterministic, so a result can be checked.
/// </summary>
public sealed partial class TextActions : IStudioAction
{
    private static readonly HashSet<string> StopWords =
    [
        "the", "and", "for", "with", "that", "this", "from", "your", "you", "are", "was", "were", "have", "has", "had", "not",
        "but", "all", "any", "can", "our", "out", "into", "over", "more", "most", "such", "than", "then", "them", "they",
        "their", "there", "which", "while", "will", "would", "about", "also", "been", "being", "each", "other", "some", "what",
        "when", "where", "who", "why", "how", "its", "it's", "a", "an", "of", "to", "in", "on", "at", "by", "is", "be", "as", "or",
        "i", "me", "my", "we", "us", "he", "she", "his", "her", "it", "so", "if", "do", "did", "does", "per", "via",
    ];

    public IReadOnlySet<string> Features { get; } = new HashSet<string>
    {
        "chat", "deploy", "analyze", "resume", "template", "cover_letter", "resume_parsing", "job_match_detailed", "interview_prep",
        "salary_analysis", "job_match_quick", "linkedin_summary", "skills_gap", "resume_review", "keyword_extraction", "summarize",
        "thank_you_note", "career_path", "company_research", "grammar_check",
    };

    public Task<StudioOutput> RunAsync(string feature, string input, CancellationToken cancellationToken) => Task.FromResult(feature switch
    {
        "cover_letter" or "thank_you_note" or "template" => Letter(feature, Fields(input)),
        "job_match_detailed" or "job_match_quick" or "skills_gap" => Match(feature, input),
        "chat" => new StudioOutput("Chat", Chat(input)),
        "deploy" => new StudioOutput("Deployment checklist", "1. Preview your site.\n2. Check every link.\n3. Publish.\n\n" + Report(input)),
        _ => new StudioOutput(Title(feature), Report(input)),
    });

    public static IReadOnlyList<(string Word, int Count)> Keywords(string text, int take = 12) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)
            .Where(w => w.Length > 2 && !StopWords.Contains(w))
            .GroupBy(w => w).Select(g => (g.Key, g.Count()))
            .OrderByDescending(p => p.Item2).ThenBy(p => p.Key).Take(take).ToList();

    private static string Report(string input)
    {
        var words = WordPattern().Matches(input).Count;
        var sentences = Math.Max(1, Regex.Matches(input, @"[.!?](\s|$)").Count);
        var sections = input.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length is > 0 and < 60 && (l.EndsWith(':') || l.StartsWith('#') || l == l.ToUpperInvariant() && l.Any(char.IsLetter)))
            .Select(l => l.Trim('#', ':', ' ')).ToList();
        var report = new StringBuilder()
            .AppendLine($"Words: {words}. Sentences: {sentences}. Average sentence: {words / sentences} words.")
            .AppendLine()
            .AppendLine("Keywords: " + string.Join(", ", Keywords(input).Select(k => $"{k.Word} ({k.Count})")));
        if (sections.Count > 0)
        {
            report.AppendLine().AppendLine("Sections: " + string.Join(", ", sections));
        }

        return report.ToString().TrimEnd();
    }

    // "name: Asha", "company: Acme" … one per line.
    private static Dictionary<string, string> Fields(string input) => input.Split('\n')
        .Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Length > 0)
        .GroupBy(p => p[0].Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First()[1].Trim());

    private static StudioOutput Letter(string feature, Dictionary<string, string> f)
    {
        string Need(string key) => f.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new StudioActionException($"Add a line \"{key}: …\" to the details; the letter needs it.");
        return feature switch
        {
            "cover_letter" => new StudioOutput($"Cover letter: {Need("role")} at {Need("company")}",
                $"Dear hiring team at {Need("company")},\n\nI am writing to apply for the {Need("role")} position. " +
                $"{(f.TryGetValue("experience", out var e) ? $"My experience in {e} " : "My experience ")}has prepared me to contribute from the first day." +
                $"\n\nThank you for your time.\n\n{Need("name")}"),
            "thank_you_note" => new StudioOutput($"Thank-you note to {Need("interviewer")}",
                $"Dear {Need("interviewer")},\n\nThank you for speaking with me about the {Need("role")} role. I enjoyed our conversation " +
                $"and am excited about the opportunity.\n\nBest regards,\n{Need("name")}"),
            _ => new StudioOutput("Filled template", string.Join('\n', f.Select(p => $"{Capitalize(p.Key)}: {p.Value}"))),
        };
    }

    // The resume, a line "---", then the job description.
    private static StudioOutput Match(string feature, string input)
    {
        var parts = input.Split("\n---", 2);
        if (parts.Length < 2 || parts[1].Trim().Length == 0)
        {
            throw new StudioActionException("Put your resume first, then a line with --- and then the job description.");
        }

        var resume = Keywords(parts[0], 40).Select(k => k.Word).ToHashSet();
        var job = Keywords(parts[1], 20).Select(k => k.Word).ToList();
        var shared = job.Where(resume.Contains).ToList();
        var missing = job.Where(w => !resume.Contains(w)).ToList();
        var score = job.Count == 0 ? 0 : shared.Count * 100 / job.Count;
        var text = feature == "skills_gap"
            ? $"The job asks for {missing.Count} thing(s) your resume does not mention: {string.Join(", ", missing)}."
            : $"Match: {score}%.\n\nIn common: {string.Join(", ", shared)}." +
              (feature == "job_match_detailed" ? $"\n\nMissing from your resume: {string.Join(", ", missing)}." : string.Empty);
        return new StudioOutput($"{Title(feature)}: {score}%", text);
    }

    private static string Chat(string input)
    {
        var topic = Keywords(input, 3).Select(k => k.Word).ToList();
        return topic.Count == 0
            ? "Tell me what you would like to change on your site, and I will suggest the next step."
            : $"About {string.Join(" and ", topic)}: describe it in your brief under its own heading (\"## {Capitalize(topic[0])}\"), then create the website again to see it.";
    }

    private static string Title(string feature) => Capitalize(feature.Replace('_', ' '));

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"[\p{L}][\p{L}\p{N}'+#.-]*[\p{L}\p{N}+#]|[\p{L}]")]
    private static partial Regex WordPattern();
}
