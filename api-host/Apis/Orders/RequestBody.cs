using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Infrastructure;

namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>Reads an optional JSON body through <see cref="JsonBody"/>, keeping its problems typed for <c>Results&lt;...&gt;</c>.</summary>
public static class RequestBody
{
    public sealed record Read<T>(T? Value, ValidationProblem? Invalid, ProblemHttpResult? Unsupported);

    public static async Task<Read<T>> ReadOptionalAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class, new()
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && request.ContentType is null && !request.Headers.TransferEncoding.Any()))
        {
            return new Read<T>(new T(), null, null);
        }
        var (value, problem) = await JsonBody.ReadAsync<T>(request, ct);
        return problem switch
        {
            null => new Read<T>(value, null, null),
            ValidationProblem invalid => new Read<T>(null, invalid, null),
            ProblemHttpResult unsupported => new Read<T>(null, null, unsupported),
            _ => throw new InvalidOperationException($"Unexpected body problem {problem.GetType()}"),
        };
    }
}
