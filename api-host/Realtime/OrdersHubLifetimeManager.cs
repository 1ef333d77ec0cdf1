using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace OrderActors.ApiHost.Realtime;

/// <summary>
/// SignalR's default in-memory lifetime manager for <see cref="OrdersHub"/>, which also lets the feed relay find a
/// connection's <see cref="HubConnectionContext"/>. The relay writes each feed message to it already serialized
/// (<see cref="SerializedHubMessage"/>, serialized once per protocol for all connections), where a client proxy
/// would serialize the message again for every connection.
/// </summary>
public sealed class OrdersHubLifetimeManager(ILogger<DefaultHubLifetimeManager<OrdersHub>> logger) : DefaultHubLifetimeManager<OrdersHub>(logger)
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new(StringComparer.Ordinal);

    public HubConnectionContext? Find(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }
}
