using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Billing;

/// <summary>
/// An external POS/fiscal billing endpoint as described in docs/pos-billing-contract.md, on a real loopback port.
/// It can be switched down (503) or slow (longer than the client's timeout), and counts what it accepted.
/// </summary>
public sealed class BillingEndpointSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _callsWhileUp = new(StringComparer.Ordinal);
    private int _fiscalCounter;

    private BillingEndpointSimulator(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public volatile bool Down;

    public volatile bool Slow;

    public static async Task<BillingEndpointSimulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var simulator = new BillingEndpointSimulator(app) { BaseUrl = $"http://127.0.0.1:{port}" };
        app.MapPost("/invoices", simulator.HandleAsync);
        await app.StartAsync();
        return simulator;
    }

    /// <summary>How many times the invoice was accepted (a retry with the same key is answered, not accepted again).</summary>
    public int AcceptedCount(Guid invoiceId) => _accepted.ContainsKey(invoiceId.ToString()) ? 1 : 0;

    public int CallsWhileUp(Guid invoiceId) => _callsWhileUp.GetValueOrDefault(invoiceId.ToString());

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        if (Down)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        if (Slow)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        if (string.IsNullOrEmpty(key))
        {
            return Results.BadRequest();
        }
        _callsWhileUp.AddOrUpdate(key, 1, (_, n) => n + 1);
        var fiscal = _accepted.GetOrAdd(key, _ => $"FIS-{Interlocked.Increment(ref _fiscalCounter):D8}");
        return Results.Ok(new { fiscalNumber = fiscal });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
