using Microsoft.AspNetCore.SignalR;
using OrderActors.ApiHost.Security;

namespace OrderActors.ApiHost.Realtime;

/// <summary>
/// <c>/hubs/orders</c>: live feed events, each sent as the client method named by its type with its position.
/// A connection receives every event its permissions allow until it narrows the feed with the Subscribe methods;
/// <see cref="Resume"/> (or the <c>after</c> query parameter when connecting) replays what it missed.
/// </summary>
public sealed class OrdersHub(FeedRelay relay, LiveStatistics statistics) : Hub
{
    public const string Route = "/hubs/orders";
    public const string ResumeQueryParameter = "after";

    public override async Task OnConnectedAsync()
    {
        var audience = FeedAudience.For(Context.User!);
        long? resumeAfter = Context.GetHttpContext()?.Request.Query[ResumeQueryParameter] is { Count: > 0 } values
            && long.TryParse(values[0], out var after) && after >= 0 ? after : null;
        if (audience.Permissions.Contains(Permissions.OrdersRead))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, LiveStatistics.ReadersGroup);
        }
        var connected = await relay.ConnectAsync(Context, audience, resumeAfter);
        if (connected.Replay is { } replay)
        {
            await replay;
        }
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        relay.Disconnect(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Replays, in order, the readable events after <paramref name="afterPosition"/> this connection has not received, then live ones continue. Returns how many were replayed.</summary>
    public Task<int> Resume(long afterPosition)
    {
        if (afterPosition < 0)
        {
            throw new HubException("afterPosition must be 0 or more.");
        }
        return Connection.ResumeAsync(afterPosition);
    }

    public void SubscribePlatform(string platform) => Add(FeedSubscriptionKind.Platform, RequireValue(platform, nameof(platform)));

    public void UnsubscribePlatform(string platform) => Remove(FeedSubscriptionKind.Platform, platform);

    public void SubscribeOrder(Guid orderId) => Add(FeedSubscriptionKind.Order, orderId.ToString("D"));

    public void UnsubscribeOrder(Guid orderId) => Remove(FeedSubscriptionKind.Order, orderId.ToString("D"));

    public void SubscribeOwnTasks()
    {
        if (Connection.Audience.UserId is null)
        {
            throw new HubException("This caller is not a user, so it has no tasks of its own.");
        }
        Add(FeedSubscriptionKind.OwnTasks, "");
    }

    public void UnsubscribeOwnTasks() => Remove(FeedSubscriptionKind.OwnTasks, "");

    /// <summary>Narrows to a role's task queue: the caller's own role, or any role for a workflow manager.</summary>
    public void SubscribeRoleTasks(string role)
    {
        var audience = Connection.Audience;
        RequireValue(role, nameof(role));
        if (!audience.Roles.Contains(role) && !audience.Permissions.Contains(Permissions.WorkflowsManage))
        {
            throw new HubException($"Only members of role '{role}' or workflow managers may follow its tasks.");
        }
        Add(FeedSubscriptionKind.RoleTasks, role);
    }

    public void UnsubscribeRoleTasks(string role) => Remove(FeedSubscriptionKind.RoleTasks, role);

    /// <summary>Today's order counters now; later changes arrive as <c>StatsChanged</c>.</summary>
    public Task<StatsMessage> GetStats()
    {
        if (!Connection.Audience.Permissions.Contains(Permissions.OrdersRead))
        {
            throw new HubException("Reading order statistics needs the orders.read permission.");
        }
        return statistics.CurrentAsync(Context.ConnectionAborted);
    }

    /// <summary>Back to every readable event.</summary>
    public void UnsubscribeAll() => Connection.Narrow(a => a with { Subscriptions = [] });

    private FeedConnection Connection =>
        relay.Find(Context.ConnectionId) ?? throw new HubException("This connection is not registered with the feed.");

    private void Add(FeedSubscriptionKind kind, string value) =>
        Connection.Narrow(a => a with { Subscriptions = a.Subscriptions.Add(new FeedSubscription(kind, value)) });

    private void Remove(FeedSubscriptionKind kind, string value) =>
        Connection.Narrow(a => a with { Subscriptions = a.Subscriptions.Remove(new FeedSubscription(kind, value)) });

    private static string RequireValue(string value, string name) =>
        string.IsNullOrWhiteSpace(value) || value.Length > 128 ? throw new HubException($"{name} is required (at most 128 characters).") : value;
}
