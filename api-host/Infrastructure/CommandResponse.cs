using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace OrderActors.ApiHost.Infrastructure;

/// <summary>A successful command's answer, as JSON, in a form the idempotency store can keep and replay.</summary>
public sealed class CommandResponse(int statusCode, object body, string? location = null) : IResult
{
    public int StatusCode { get; } = statusCode;

    public object Body { get; } = body;

    public string? Location { get; } = location;

    public static CommandResponse Created(string location, object body) => new(StatusCodes.Status201Created, body, location);

    public static CommandResponse Ok(object body) => new(StatusCodes.Status200OK, body);

    public string Serialize(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.Serialize(Body, Body.GetType(), options);
    }

    public Task ExecuteAsync(HttpContext httpContext) => Write(httpContext, StatusCode, Serialize(httpContext), Location);

    public static async Task Write(HttpContext context, int statusCode, string json, string? location)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }
        await context.Response.WriteAsync(json);
    }
}
