using System.Net;
using System.Text;
using TokenSaas.Identity;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Admin.Bulk;

/// <summary>Who may use bulk allocation beyond the shared list in AdminEndpointAccessTests.</summary>
public abstract class BulkAccessTests(TestApp app)
{
    [Fact]
    public async Task Admins_with_a_JWT_may_check_a_file()
    {
        var admin = await app.NewApiUserAsync(Roles.Admin);

        var response = await admin.Client.PostCsvAsync($"email,amount\n{admin.Email},5\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_bulk_upload_s_CSV_body()
    {
        using var json = await app.CreateBrowser().GetJsonAsync("/openapi/v1.json");

        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/admin/tokens/bulk").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .TryGetProperty("text/csv", out _));
    }
}

public sealed class BulkAccessTests_Sqlite(SqliteApp app) : BulkAccessTests(app), IClassFixture<SqliteApp>;

public sealed class BulkAccessTests_Postgres(PostgresApp app) : BulkAccessTests(app), IClassFixture<PostgresApp>;
