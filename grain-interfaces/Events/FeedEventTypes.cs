namespace OrderActors.Events;

/// <summary>The event types clients can rely on; producers may add more (a type is a plain string).</summary>
public static class FeedEventTypes
{
    public const string OrderReceived = "OrderReceived";
    public const string OrderStatusChanged = "OrderStatusChanged";
    public const string WorkflowTaskAssigned = "WorkflowTaskAssigned";
    public const string WorkflowTaskCompleted = "WorkflowTaskCompleted";
    public const string ReturnRequested = "ReturnRequested";
    public const string ReturnStatusChanged = "ReturnStatusChanged";
    public const string InvoiceIssued = "InvoiceIssued";
    public const string PaymentRecorded = "PaymentRecorded";
    public const string AccountSyncFailed = "AccountSyncFailed";

    /// <summary>Events about one workflow task: readable only by its assignee, holders of its roles and task overseers.</summary>
    public static bool IsTaskEvent(string type) => type is WorkflowTaskAssigned or WorkflowTaskCompleted;

    /// <summary>Not a feed event: the live statistics message pushed to dashboards.</summary>
    public const string StatsChanged = "StatsChanged";
}
