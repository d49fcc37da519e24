using System.Text.Json;
using TokenSaas.Ledger;

namespace TokenSaas.Api;

/// <summary>Every /api error is {"error": "..."} with the right status, whatever produced it.</summary>
public static class ApiErrors
{
    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    public static IResult From(LedgerFailure failure) => failure.Code switch
    {
        LedgerError.InsufficientTokens => Results.Json(
            new { error = failure.Message, required = failure.Required, balance = failure.Balance },
            statusCode: StatusCodes.Status402PaymentRequired),
        LedgerError.Invalid or LedgerError.UnknownFeature => Error(StatusCodes.Status400BadRequest, failure.Message),
        LedgerError.NotFound => Error(StatusCodes.Status404NotFound, failure.Message),
        LedgerError.PaymentRequired => Error(StatusCodes.Status402PaymentRequired, failure.Message),
        LedgerError.Forbidden => Error(StatusCodes.Status403Forbidden, failure.Message),
        LedgerError.GatewayUnavailable => Error(StatusCodes.Status502BadGateway, failure.Message),
        LedgerError.ActionFailed => Error(StatusCodes.Status422UnprocessableEntity, failure.Message),
        LedgerError.LimitExceeded => new LimitExceededResult(failure.RetryAfter ?? 60),
        _ => Error(StatusCodes.Status409Conflict, failure.Message),
    };

    public static IResult Ok<T>(LedgerResult<T> result, Func<T, object> shape) =>
        result.Failure is { } failure ? From(failure) : Results.Json(shape(result.Value!));

    /// <summary>Bodies that are not JSON, or not the right JSON, and unexpected failures.</summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (context.Request.IsApi() && !context.Response.HasStarted)
        {
            await Write(context, StatusCodes.Status400BadRequest, Describe(ex));
        }
        catch (Exception ex) when (context.Request.IsApi() && !context.Response.HasStarted && ex is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("TokenSaas.Api")
                .LogError(ex, "Unhandled error in {Method} {Path}", context.Request.Method, context.Request.Path);
            await Write(context, StatusCodes.Status500InternalServerError, "internal error");
        }
    });

    /// <summary>Statuses set without a body (401 from a challenge, 404 for no route, 415 …) get one.</summary>
    public static Task WriteStatusAsync(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status401Unauthorized => Write(context, 401, "unauthorized"),
        StatusCodes.Status403Forbidden => Write(context, 403, "forbidden"),
        StatusCodes.Status404NotFound => Write(context, 404, "not found"),
        StatusCodes.Status405MethodNotAllowed => Write(context, 405, "method not allowed"),
        StatusCodes.Status415UnsupportedMediaType => Write(context, 415, "invalid body: send JSON with Content-Type: application/json"),
        StatusCodes.Status429TooManyRequests => Write(context, 429, "rate limited"),
        var status => Write(context, status, "request failed"),
    };

    private static string Describe(BadHttpRequestException exception) => exception.InnerException switch
    {
        JsonException { Path: { Length: > 1 } path } => $"invalid body: the value at {path} is not valid",
        JsonException => "invalid body: malformed JSON",
        _ when exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase) => "invalid body: a JSON body is required",
        _ => "invalid request: " + exception.Message,
    };

    private static Task Write(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = message }));
    }

    /// <summary>429 {"error":"limit exceeded","retry_after":s} with the same wait in a Retry-After header.</summary>
    private sealed class LimitExceededResult(int retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new { error = "limit exceeded", retry_after = retryAfter }, statusCode: StatusCodes.Status429TooManyRequests)
                .ExecuteAsync(httpContext);
        }
    }
}
