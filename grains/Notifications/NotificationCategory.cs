using OrderActors.Events;

namespace OrderActors.Notifications;

/// <summary>What a user can choose to be notified of.</summary>
public enum NotificationCategory
{
    NewOrders,
    AssignedTasks,
    SyncFailures,
    Returns,
}

public static class NotificationCategories
{
    /// <summary>The category an event type notifies under, or null when it notifies no one.</summary>
    public static NotificationCategory? For(string eventType) => eventType switch
    {
        FeedEventTypes.OrderReceived => NotificationCategory.NewOrders,
        FeedEventTypes.WorkflowTaskAssigned => NotificationCategory.AssignedTasks,
        FeedEventTypes.AccountSyncFailed => NotificationCategory.SyncFailures,
        FeedEventTypes.ReturnRequested => NotificationCategory.Returns,
        _ => null,
    };
}
