using TokenSaas.Data;

namespace TokenSaas.Features;

/// <summary>
/// The starting catalogue (seeds 001, 000 and 004). Only missing keys are added, so costs an
/// admin has changed, and features an admin has switched off, stay as they are.
/// </summary>
public sealed class FeatureSeeder(AppDbContext db)
{
    public static readonly IReadOnlyList<Feature> Defaults =
    [
        new("create_website", "Create a website", "Websites", 1, "Turn a short brief into a small static site.", 10),
        new("chat", "Chat", "Websites", 0, "Talk through changes to your site.", 20),
        new("preview", "Preview", "Websites", 0, "Preview your site before publishing.", 30),
        new("deploy", "Deploy", "Websites", 0, "Publish your site.", 40),
        new("analyze", "Analyze text", "Documents", 5, "Extract structure and keywords from a document.", 50),
        new("resume", "Resume builder", "Career", 5, "Build a resume from your details.", 60),
        new("template", "Template fill", "Documents", 3, "Fill a template with your own details.", 70),
        new("cover_letter", "Cover letter", "Career", 5, "Write a cover letter for a job.", 80),
        new("resume_parsing", "Resume parsing", "Career", 8, "Read a resume into structured fields.", 90),
        new("job_match_detailed", "Detailed job match", "Career", 5, "Score a resume against a job description.", 100),
        new("interview_prep", "Interview preparation", "Career", 8, "Likely questions and talking points for a role.", 110),
        new("salary_analysis", "Salary analysis", "Career", 6, "Salary range guidance for a role.", 120),
        new("job_match_quick", "Quick job match", "Career", 2, "A quick fit score for a job.", 130),
        new("linkedin_summary", "LinkedIn summary", "Career", 4, "A profile summary from your resume.", 140),
        new("skills_gap", "Skills gap", "Career", 5, "Skills a job asks for that your resume lacks.", 150),
        new("resume_review", "Resume review", "Career", 6, "Suggestions to strengthen a resume.", 160),
        new("keyword_extraction", "Keyword extraction", "Documents", 2, "The keywords of a text.", 170),
        new("summarize", "Summarize", "Documents", 3, "A short summary of a long text.", 180),
        new("thank_you_note", "Thank-you note", "Career", 2, "A follow-up note after an interview.", 190),
        new("career_path", "Career path", "Career", 10, "Next roles that fit your experience.", 200),
        new("company_research", "Company research brief", "Career", 7, "A one-page brief about a company.", 210),
        new("grammar_check", "Grammar check", "Documents", 1, "Spelling and grammar fixes.", 220),
    ];

    // Fresh instances each time: the static defaults must not be tracked by a context.
    public Task SeedAsync(CancellationToken cancellationToken = default) => db.AddMissingAsync(
        Defaults.Select(f => new Feature(f.Key, f.Name, f.Category, f.Cost, f.Description, f.SortOrder)).ToList(), f => f.Key,
        cancellationToken);
}
