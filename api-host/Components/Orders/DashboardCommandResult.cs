using OrderActors.Orders;

namespace OrderActors.ApiHost.Components.Orders;

/// <summary>What a dashboard command did, with the message to show: the server's own rule or input message on failure.</summary>
public sealed record DashboardCommandResult(bool Succeeded, string Message, OrderDetails? Order = null)
{
    public static DashboardCommandResult Invalid(string message) => new(false, message);

    public static DashboardCommandResult From(OrderCommandResult result, string done) => result.Outcome switch
    {
        CommandOutcome.NotFound => new(false, "Order not found."),
        CommandOutcome.Refused => new(false, result.Violation!.Message, result.Order),
        CommandOutcome.Unchanged => new(true, "Nothing to change.", result.Order),
        _ => new(true, done, result.Order),
    };
}

/// <summary>The outcome of a bulk action: one line per order that failed.</summary>
public sealed record DashboardBulkResult(int Succeeded, IReadOnlyList<(Guid OrderId, string Message)> Failures);
