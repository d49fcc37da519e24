using TokenSaas.Content;

namespace TokenSaas.Api;

/// <summary>SPEC 10.5's comparison table as the pricing page shows it: a column per plan on sale, generated rows then manual ones.</summary>
public static class AdminContentComparisonEndpoints
{
    public static void MapAdminContentComparisonEndpoints(this RouteGroupBuilder admin) =>
        admin.MapGet("/content/comparison", async (ComparisonTableBuilder builder, CancellationToken ct) =>
            {
                var table = await builder.BuildAsync(ct);
                return Results.Json(new
                {
                    plans = table.Plans.Select(p => new { id = p.Id, name = p.Name }),
                    rows = table.Rows.Select(r => new { label = r.Label, cells = r.Cells.Select(c => c.Value), generated = r.Generated }),
                });
            })
            .WithSummary("The comparison table: plans (id, name) and rows (label, a cell per plan: yes, no or text; generated from plan data or hand-written).");
}
