using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TokenSaas.Tests.Infrastructure;

namespace TokenSaas.Tests.Hosting;

/// <summary>
/// Two `dotnet TokenSaas.dll` processes behind an imaginary load balancer: one PostgreSQL database,
/// separate data folders (no shared disk). A browser's session and a client's spends may land on
/// either, and the ledger's rules hold across both.
/// </summary>
public sealed class TwoProcessesTests(TwoProcesses apps) : IClassFixture<TwoProcesses>
{
    private readonly RunningApp a = apps.A;
    private readonly RunningApp b = apps.B;

    [Fact]
    public async Task A_cookie_from_one_instance_signs_in_and_posts_forms_on_the_other()
    {
        var jar = new CookieContainer();
        using var onA = Browser(a, jar);
        using var onB = Browser(b, jar);
        var email = Users.NewEmail();

        Assert.Equal(HttpStatusCode.Redirect, (await onA.RegisterAsync(email)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.LogInAsync(email)).StatusCode);

        var dashboard = await onB.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains(email, await dashboard.Content.ReadAsStringAsync());
        // The form (the header's "Log out") and its antiforgery token come from A; the post goes to B.
        var loggedOut = await onA.SubmitFormAsync("/dashboard", new Dictionary<string, string>(),
            "form[action='/account/logout']", postTo: new Uri(b.Address, "/account/logout").ToString());
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal("/", loggedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await onA.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task Spends_split_across_both_instances_never_overdraw_lose_tokens_or_fail()
    {
        using var apiA = new HttpClient { BaseAddress = a.Address };
        using var apiB = new HttpClient { BaseAddress = b.Address };
        var hot = await NewAccountAsync(apiA);
        var others = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => NewAccountAsync(apiB)));
        var cost = await CostAsync(apiA, hot, "create_website");
        var hotBalance = await BalanceAsync(apiA, hot);
        var hotCalls = (int)(hotBalance / cost) + 60;
        var otherBalances = await Task.WhenAll(others.Select(o => BalanceAsync(apiB, o)));
        const int otherCalls = 25;

        using var gate = new SemaphoreSlim(48);
        var calls = Enumerable.Range(0, hotCalls).Select(i => (Token: hot, Key: $"hot-{i}", Index: i))
            .Concat(others.SelectMany((o, n) => Enumerable.Range(0, otherCalls).Select(i => (Token: o, Key: $"other{n}-{i}", Index: i))))
            .OrderBy(_ => Random.Shared.Next())
            .Select(async call =>
            {
                await gate.WaitAsync();
                try
                {
                    var client = call.Index % 2 == 0 ? apiA : apiB;
                    var status = await SpendAsync(client, call.Token, call.Key);
                    return (call.Token, Status: status);
                }
                finally
                {
                    gate.Release();
                }
            });
        var answers = await Task.WhenAll(calls);

        var hotSpent = answers.Count(x => x.Token == hot && x.Status.Code == 200);
        Assert.Equal(hotBalance / cost, hotSpent);
        Assert.Equal(hotBalance - hotSpent * cost, await BalanceAsync(apiB, hot));
        for (var i = 0; i < others.Length; i++)
        {
            var spent = answers.Count(x => x.Token == others[i] && x.Status.Code == 200);
            Assert.Equal(otherBalances[i] - spent * cost, await BalanceAsync(apiA, others[i]));
        }

        using var verify = new HttpRequestMessage(HttpMethod.Get, "/api/admin/ledger/verify");
        verify.Headers.Add("X-Api-Key", TwoProcesses.ApiKey);
        using var report = await (await apiB.SendAsync(verify)).ReadJsonAsync();
        Assert.Equal(0, report.RootElement.GetProperty("mismatches").GetArrayLength());
        var unexpected = answers.Where(x => x.Status.Code is not (200 or 402 or 409)).Select(x => x.Status).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} answer(s) other than 200/402/409, e.g. "
            + $"{unexpected.FirstOrDefault().Code} {unexpected.FirstOrDefault().Body}; the instances logged:\n{Errors(a)}\n{Errors(b)}");
    }

    private static string Errors(RunningApp app) =>
        string.Join('\n', app.Output.Split('\n').Where(l => l.Contains("Exception")).Distinct().Take(5));

    private static HttpClient Browser(RunningApp app, CookieContainer jar) =>
        new(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = app.Address };

    /// <summary>Signs up through the form (on whichever instance) and returns a JWT for the new user.</summary>
    private static async Task<string> NewAccountAsync(HttpClient api)
    {
        var email = Users.NewEmail("spender");
        using var browser = Browser(new Uri(api.BaseAddress!, "/"), new CookieContainer());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.RegisterAsync(email)).StatusCode);
        var response = await api.PostAsJsonAsync("/api/auth/token", new { email, password = Users.Password });
        using var json = await response.ReadJsonAsync();
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static HttpClient Browser(Uri address, CookieContainer jar) =>
        new(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = address };

    private static async Task<long> CostAsync(HttpClient api, string token, string feature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/features");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var json = await (await api.SendAsync(request)).ReadJsonAsync();
        return json.RootElement.GetProperty("items").EnumerateArray()
            .Single(f => f.GetProperty("key").GetString() == feature).GetProperty("cost").GetInt64();
    }

    private static async Task<long> BalanceAsync(HttpClient api, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/balance");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var json = await (await api.SendAsync(request)).ReadJsonAsync();
        return json.RootElement.GetProperty("total").GetInt64();
    }

    private static async Task<(int Code, string Body)> SpendAsync(HttpClient api, string token, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/spend")
        {
            Content = JsonContent.Create(new { feature = "create_website", idempotency_key = key }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>The two processes and their database, started once for the class.</summary>
public sealed class TwoProcesses : IAsyncLifetime
{
    public const string ApiKey = "two-processes-admin-key";
    private readonly PostgresTestDatabase database = new();

    public RunningApp A { get; private set; } = null!;

    public RunningApp B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Default"] = database.ConnectionString,
            ["Admin__Email"] = TestApp.AdminEmail,
            ["Admin__Password"] = TestApp.AdminPassword,
            ["Admin__ApiKey"] = ApiKey,
            ["Scheduling__Enabled"] = "true",
            ["RateLimits__AuthPerMinute"] = "100000",
            ["RateLimits__SpendPerSecond"] = "0",
        };
        // One after the other, as a rolling deploy starts them; each gets its own new data folder.
        A = await RunningApp.StartAsync(settings);
        B = await RunningApp.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await database.DisposeAsync();
    }
}
