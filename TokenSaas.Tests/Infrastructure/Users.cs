using System.Net;
using AngleSharp.Html.Dom;

namespace TokenSaas.Tests.Infrastructure;

/// <summary>What a person does with the account pages, as steps a test can call.</summary>
public static class Users
{
    public const string Password = "Secret-pass-1";

    public static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email,
        string password = Password, string? confirm = null) =>
        client.SubmitFormAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        });

    public static Task<HttpResponseMessage> LogInAsync(this HttpClient client, string email, string password = Password,
        string url = "/account/login") =>
        client.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    public static async Task<HttpClient> SignedUpAsync(this TestApp app, string email)
    {
        var client = app.CreateBrowser();
        var response = await client.RegisterAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>The balance the navbar shows, as a user reads it.</summary>
    public static async Task<string?> NavbarBalanceAsync(this HttpClient client)
    {
        var page = await client.GetHtmlAsync("/dashboard");
        return page.QuerySelector("#balance-badge [data-testid=balance]")?.TextContent.Trim();
    }

    /// <summary>Where a redirect goes, as a local path ("/dashboard"), whether the app wrote it absolute or not.</summary>
    public static string? Location(this HttpResponseMessage response) => response.Headers.Location switch
    {
        null => null,
        { IsAbsoluteUri: true } uri when uri.Host == "localhost" => uri.PathAndQuery,
        var uri => uri.OriginalString,
    };

    public static IHtmlDocument AssertPage(this IHtmlDocument page, string heading)
    {
        Assert.Equal(heading, page.QuerySelector("h1")?.TextContent.Trim());
        return page;
    }
}
