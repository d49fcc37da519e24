using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TokenSaas.Identity;
using TokenSaas.Studio;

namespace TokenSaas.Pages.Studio;

public sealed class ProjectModel(StudioService studio, UserManager<AppUser> users) : PageModel
{
    public Project Project { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The site itself, for the preview frame: sandboxed, no scripts, nothing fetched but images.</summary>
    public async Task<IActionResult> OnGetSiteAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Project.Format != StudioOutput.Site)
        {
            return NotFound();
        }

        // The generated site keeps its own inline styles; it runs nothing and only our pages may frame it.
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'";
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(Project.Output, "text/html; charset=utf-8");
    }

    public async Task<IActionResult> OnGetDownloadAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var site = Project.Format == StudioOutput.Site;
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry(site ? "index.html" : "result.txt");
            await using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            await writer.WriteAsync(Project.Output);
        }

        return File(buffer.ToArray(), "application/zip", $"tokensaas-project-{Project.Id}.zip");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Project = (await studio.FindAsync(users.GetUserId(User)!, id, cancellationToken))!;
        return Project is not null;
    }
}
