using System.Collections.Immutable;
using System.Security.Claims;
using OrderActors.ApiHost.Security;
using OrderActors.Events;

namespace OrderActors.ApiHost.Realtime;

/// <summary>
/// Who a connection is (its permissions, user id and roles) and what it narrowed the feed to. Without narrowing it
/// receives every event it may read; with narrowing, the readable events matching any of its subscriptions.
/// Immutable: a subscription change swaps the whole value, so the delivery loop never sees half an update.
/// </summary>
public sealed record FeedAudience(
    ImmutableHashSet<string> Permissions,
    string? UserId,
    ImmutableHashSet<string> Roles,
    ImmutableHashSet<FeedSubscription> Subscriptions)
{
    public const string RoleClaim = "role";

    public static FeedAudience For(ClaimsPrincipal user) => new(
        user.FindAll(Security.Permissions.ClaimType).Select(c => c.Value).ToImmutableHashSet(StringComparer.Ordinal),
        user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindAll(RoleClaim).Concat(user.FindAll(ClaimTypes.Role)).Select(c => c.Value).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase),
        []);

    /// <summary>
    /// May this caller read the event at all? Checked before any narrowing, on every path out. Beyond the event's
    /// permission, a task event is only for its assignee, holders of one of its roles, and task overseers
    /// (<c>workflows.manage</c>), as with the task endpoints.
    /// </summary>
    public bool MayRead(FeedEvent e) =>
        Permissions.Contains(e.RequiredPermission) && (!FeedEventTypes.IsTaskEvent(e.Type) || MayReadTask(e));

    private bool MayReadTask(FeedEvent e) =>
        Permissions.Contains(Security.Permissions.WorkflowsManage)
        || (UserId is not null && string.Equals(e.AssigneeUserId, UserId, StringComparison.Ordinal))
        || (e.Role is not null && Roles.Contains(e.Role))
        || HoldsAnyRole(e.Roles);

    // Called for every connection and event: plain loops, no delegate or enumerator allocations.
    public bool Wants(FeedEvent e)
    {
        if (!MayRead(e))
        {
            return false;
        }
        if (Subscriptions.IsEmpty)
        {
            return true;
        }
        foreach (var subscription in Subscriptions)
        {
            if (subscription.Matches(e, UserId))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// <see cref="Wants"/> for every event of the batch. The relay asks this for each connection and batch: without
    /// narrowing or task events it takes one permission lookup per distinct permission of the batch instead of one
    /// per event.
    /// </summary>
    public bool WantsAll(FeedBatch batch)
    {
        if (Subscriptions.IsEmpty && !batch.HasTaskEvents)
        {
            foreach (var permission in batch.Permissions)
            {
                if (!Permissions.Contains(permission))
                {
                    return false;
                }
            }
            return true;
        }
        var events = batch.Events;
        for (var i = 0; i < events.Count; i++)
        {
            if (!Wants(events[i]))
            {
                return false;
            }
        }
        return true;
    }

    private bool HoldsAnyRole(IReadOnlyList<string> roles)
    {
        for (var i = 0; i < roles.Count; i++)
        {
            if (Roles.Contains(roles[i]))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>One narrowing of a connection: a platform, an order, the caller's own tasks or a role's tasks.</summary>
public sealed record FeedSubscription(FeedSubscriptionKind Kind, string Value)
{
    public bool Matches(FeedEvent e, string? userId) => Kind switch
    {
        FeedSubscriptionKind.Platform => string.Equals(e.Platform, Value, StringComparison.OrdinalIgnoreCase),
        FeedSubscriptionKind.Order => e.OrderId is { } id && id.ToString("D") == Value,
        FeedSubscriptionKind.OwnTasks => userId is not null && e.AssigneeUserId == userId,
        FeedSubscriptionKind.RoleTasks => string.Equals(e.Role, Value, StringComparison.OrdinalIgnoreCase)
            || e.Roles.Contains(Value, StringComparer.OrdinalIgnoreCase),
        _ => false,
    };
}

public enum FeedSubscriptionKind
{
    Platform,
    Order,
    OwnTasks,
    RoleTasks,
}
