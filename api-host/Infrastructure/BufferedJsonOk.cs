using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace OrderActors.ApiHost.Infrastructure;

/// <summary>
/// 200 with a JSON body that is serialized in memory first and sent with its Content-Length in one write.
/// </summary>
/// <remarks>
/// <c>TypedResults.Ok</c> flushes the headers before serializing and then flushes the body every ~14.7 KB (System.Text.Json
/// over a PipeWriter), so a 50-row order page (~18 KB) left as three socket writes, chunked, and the client woke up for
/// each. For a bounded body (a list page is at most <c>OrderQueries.MaxLimit</c> rows) one write is cheaper, and on a
/// busy machine every extra wake-up is another wait for a core. Same serializer options and OpenAPI metadata as Ok.
/// </remarks>
public sealed class BufferedJsonOk<T>(T value) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public T Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, options.GetTypeInfo(typeof(T)));
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
