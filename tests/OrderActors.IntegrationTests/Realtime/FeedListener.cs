using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Realtime;
using OrderActors.ApiHost.Security;
using OrderActors.Events;

using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>
/// A real .NET SignalR client on <c>/hubs/orders</c> over the test server's WebSockets, with the bearer token in
/// the <c>access_token</c> query parameter as browsers send it. Records every message of the known types.
/// </summary>
public sealed class FeedListener : IAsyncDisposable
{
    public static readonly string[] EventTypes =
    [
        FeedEventTypes.OrderReceived, FeedEventTypes.OrderStatusChanged, FeedEventTypes.WorkflowTaskAssigned,
        FeedEventTypes.WorkflowTaskCompleted, FeedEventTypes.ReturnRequested, FeedEventTypes.ReturnStatusChanged,
        FeedEventTypes.InvoiceIssued, FeedEventTypes.PaymentRecorded, FeedEventTypes.AccountSyncFailed,
        FeedEventTypes.StatsChanged,
    ];

    private readonly ConcurrentQueue<Received> _received = new();

    private FeedListener(HubConnection connection)
    {
        Connection = connection;
        foreach (var type in EventTypes)
        {
            connection.On<JsonElement>(type, message => _received.Enqueue(new Received(type, message)));
        }
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<Received> Messages => _received.ToList();

    /// <summary>Feed events received (not statistics), in arrival order.</summary>
    public IReadOnlyList<Received> Events => _received.Where(r => r.Method != FeedEventTypes.StatsChanged).ToList();

    public static string Token<TEntry>(WebApplicationFactory<TEntry> factory, string subject, IEnumerable<string> permissions, params string[] roles)
        where TEntry : class =>
        TestUsers.IssueToken(factory.Services, subject, roles, permissions.ToList());

    public static async Task<FeedListener> ConnectAsync<TEntry>(WebApplicationFactory<TEntry> factory, string token, long? after = null)
        where TEntry : class
    {
        var query = $"?access_token={Uri.EscapeDataString(token)}" + (after is { } a ? $"&after={a}" : "");
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, OrdersHub.Route + query), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) => await factory.Server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
            })
            .Build();
        var listener = new FeedListener(connection);
        await StartRegisteredAsync(connection);
        return listener;
    }

    /// <summary>Connects as a browser signed in to the dashboard does: with its auth cookie and no token.</summary>
    public static async Task<FeedListener> ConnectWithCookieAsync<TEntry>(WebApplicationFactory<TEntry> factory, string cookie)
        where TEntry : class
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, OrdersHub.Route), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) =>
                {
                    var client = factory.Server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers.Cookie = cookie;
                    return await client.ConnectAsync(context.Uri, ct);
                };
            })
            .Build();
        var listener = new FeedListener(connection);
        await StartRegisteredAsync(connection);
        return listener;
    }

    /// <summary>
    /// Starts the connection and returns once the hub has registered it with the feed relay. StartAsync returns after
    /// the handshake, before the server's OnConnectedAsync (which waits for the relay when the host has just started):
    /// an event appended in between would precede the connection's starting position and never reach it. The hub
    /// serves a call only after OnConnectedAsync, so a harmless one (widening a feed that was never narrowed) marks the
    /// point from which every appended event is delivered.
    /// </summary>
    private static async Task StartRegisteredAsync(HubConnection connection)
    {
        await connection.StartAsync();
        await connection.InvokeAsync("UnsubscribeAll");
    }

    /// <summary>Stats messages received, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Stats => _received.Where(r => r.Method == FeedEventTypes.StatsChanged).Select(r => r.Message).ToList();

    public async Task<JsonElement> WaitForStatsAsync(Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (Stats.LastOrDefault(done) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching StatsChanged; last: {Stats.LastOrDefault()}");
            }
            await Task.Delay(20);
        }
    }

    public async Task<IReadOnlyList<Received>> WaitForEventsAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!done(Events))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met; received: {string.Join(", ", Events.Select(e => $"{e.Method}@{e.Position}"))}");
            }
            await Task.Delay(20);
        }
        return Events;
    }

    public Task<IReadOnlyList<Received>> WaitForEventAsync(Guid eventId, TimeSpan? timeout = null) =>
        WaitForEventsAsync(events => events.Any(e => e.EventId == eventId), timeout);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    public sealed record Received(string Method, JsonElement Message)
    {
        public long Position => Message.GetProperty("position").GetInt64();

        public string Type => Message.GetProperty("type").GetString()!;

        public Guid EventId => Message.GetProperty("eventId").GetGuid();
    }
}
