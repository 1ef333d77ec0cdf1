using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OrderActors.Testing;

namespace OrderActors.BrowserTests.Infrastructure;

/// <summary>
/// The external POS/fiscal billing endpoint of docs/pos-billing-contract.md on a real loopback port. The fiscal service
/// of a store whose id starts with <see cref="DownStorePrefix"/> is out (503), so only those invoices fall back to
/// manual billing and every other test's invoices are billed normally.
/// </summary>
public sealed class FiscalEndpoint : IAsyncDisposable
{
    public const string DownStorePrefix = "DOWN-";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _accepted = new(StringComparer.Ordinal);
    private int _counter;

    private FiscalEndpoint(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<FiscalEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        builder.WebHost.UseUrls(baseUrl);
        var app = builder.Build();
        var endpoint = new FiscalEndpoint(app, baseUrl);
        app.MapPost("/invoices", endpoint.HandleAsync);
        await app.StartAsync();
        return endpoint;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        using var body = await JsonDocument.ParseAsync(request.Body);
        var store = body.RootElement.TryGetProperty("storeId", out var s) ? s.GetString() : null;
        if (string.IsNullOrEmpty(key))
        {
            return Results.BadRequest();
        }
        if (store?.StartsWith(DownStorePrefix, StringComparison.Ordinal) == true)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        return Results.Ok(new { fiscalNumber = _accepted.GetOrAdd(key, _ => $"FIS-{Interlocked.Increment(ref _counter):D8}") });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
