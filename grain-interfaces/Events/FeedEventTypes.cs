namespace OrderActors.Events;

/// <summary>The event types clients can rely on; producers may add more (a type is a plain string).</summary>
public static class FeedEventTypes
{
    public const string OrderReceived = "OrderReceived";
    public const string OrderStatusChanged = "OrderStatusChanged";
    public const string WorkflowTaskAssigned = "WorkflowTaskAssigned";
    public const string WorkflowTaskCompleted = "WorkflowTaskCompleted";
    public const string ReturnRequested = "ReturnRequested";
    public const string AccountSyncFailed = "AccountSyncFailed";

    /// <summary>Not a feed event: the live statistics message pushed to dashboards.</summary>
    public const string StatsChanged = "StatsChanged";
}
