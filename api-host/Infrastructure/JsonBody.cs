using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace OrderActors.ApiHost.Infrastructure;

/// <summary>
/// Reads a JSON request body, turning malformed JSON and wrongly typed fields into a 400 problem naming the field
/// (the JSON path), instead of the framework's bare 400.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Expected a JSON body (Content-Type: application/json)."));
        }
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null
                ? (null, Validation.Problem(new Dictionary<string, string[]> { ["$"] = ["A JSON object is required."] }))
                : (value, null);
        }
        catch (BadHttpRequestException ex)
        {
            // The body was cut off by the size limit (413) or the client (400).
            return (null, TypedResults.Problem(statusCode: ex.StatusCode, title: ex.Message));
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            return (null, Validation.Problem(new Dictionary<string, string[]> { [field] = [$"Invalid JSON at {field}: {Describe(ex)}"] }));
        }
    }

    private static string Describe(JsonException ex) =>
        ex.InnerException?.Message ?? ex.Message.Split(" Path:", 2)[0];
}
