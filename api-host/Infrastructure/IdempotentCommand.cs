using System.Security.Cryptography;
using OrderActors.ApiHost.Security;
using OrderActors.Idempotency;

namespace OrderActors.ApiHost.Infrastructure;

/// <summary>
/// Runs a POST at most once per <c>Idempotency-Key</c>, route and caller: a retry gets the stored answer, a
/// concurrent duplicate gets 409, and the same key with a different body gets 422. Only successful answers are
/// stored; a failed command releases the key so it can be retried.
/// </summary>
public static class IdempotentCommand
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";
    public const int MaxKeyLength = 200;

    public static string? KeyOf(HttpRequest request) => request.Headers[HeaderName].FirstOrDefault();

    public static async Task<IResult> RunAsync(HttpContext context, string route, bool keyRequired, Func<Task<IResult>> command)
    {
        var key = KeyOf(context.Request);
        if (string.IsNullOrWhiteSpace(key))
        {
            return keyRequired
                ? Validation.Problem(new Dictionary<string, string[]> { [HeaderName] = [$"The {HeaderName} header is required: terminals retry, and the key makes a retry safe."] })
                : await command();
        }
        if (key.Length > MaxKeyLength)
        {
            return Validation.Problem(new Dictionary<string, string[]> { [HeaderName] = [$"{HeaderName} is at most {MaxKeyLength} characters."] });
        }

        var store = context.RequestServices.GetRequiredService<SqlIdempotencyStore>();
        var caller = context.User.ToActor().Id;
        var hash = await HashRequestAsync(context.Request);
        var begin = await store.BeginAsync(caller, route, key, hash, context.RequestAborted);
        switch (begin.Outcome)
        {
            case IdempotencyBeginOutcome.Completed:
                context.Response.Headers[ReplayedHeader] = "true";
                return new ReplayedResponse(begin.Response!);
            case IdempotencyBeginOutcome.InProgress:
                context.Response.Headers.RetryAfter = "1";
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A request with this Idempotency-Key is still being processed.", detail: "Retry shortly with the same key to get its answer.");
            case IdempotencyBeginOutcome.Mismatch:
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "This Idempotency-Key was used with a different request.");
        }

        IResult result;
        try
        {
            result = await command();
        }
        catch
        {
            await store.AbandonAsync(caller, route, key, CancellationToken.None);
            throw;
        }
        if (result is CommandResponse response)
        {
            await store.CompleteAsync(caller, route, key, new StoredResponse(response.StatusCode, response.Serialize(context), response.Location), CancellationToken.None);
        }
        else
        {
            await store.AbandonAsync(caller, route, key, CancellationToken.None);
        }
        return result;
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(request.Path.Value ?? ""));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private sealed class ReplayedResponse(StoredResponse stored) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => CommandResponse.Write(httpContext, stored.StatusCode, stored.Body, stored.Location);
    }
}
