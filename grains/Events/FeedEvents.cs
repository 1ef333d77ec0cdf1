using System.Text.Json;
using System.Text.Json.Serialization;
using OrderActors.Billing;
using OrderActors.Events;
using OrderActors.Returns;
using OrderActors.Workflows;

namespace OrderActors.Grains.Events;

/// <summary>Turns domain events into entries of the global feed, with the JSON a client renders them from.</summary>
public static class FeedEvents
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static FeedEvent FromOrderEvent(OrderEvent e) => new()
    {
        EventId = e.EventId,
        Type = e.Type,
        OccurredAt = e.At,
        RequiredPermission = "orders.read",
        Platform = e.Platform.ToString(),
        OrderId = e.OrderId,
        Payload = Payload(e),
    };

    public static FeedEvent FromAccountSyncFailed(AccountSyncFailed e) => new()
    {
        // One event per account and failure time: a repeated publication of the same failure is stored once.
        EventId = DeterministicId($"{e.AccountId:N}|{e.At.UtcTicks}"),
        Type = FeedEventTypes.AccountSyncFailed,
        OccurredAt = e.At,
        RequiredPermission = "platforms.manage",
        Platform = e.Platform.ToString(),
        Payload = Payload(e),
    };

    /// <summary>
    /// A workflow instance's task event; other things instances emit (notifications, shipment requests) are not feed
    /// events (null). <paramref name="task"/> is the task after the change, for who may read it and what to show.
    /// The id is derived from the instance revision that recorded it, so recording it again yields the same id.
    /// </summary>
    public static FeedEvent? FromWorkflowEvent(object emitted, WorkflowTask? task, OrderFacts order, string instanceKey, long revision, int index)
    {
        var (type, assignee, roles, at) = emitted switch
        {
            WorkflowTaskAssigned a => (FeedEventTypes.WorkflowTaskAssigned, a.Assignee, a.Roles, a.At),
            WorkflowTaskCompleted c => (FeedEventTypes.WorkflowTaskCompleted, task?.Assignee ?? c.CompletedBy, task?.Roles ?? [], c.At),
            _ => (null, null, (IReadOnlyList<string>)[], default(DateTimeOffset)),
        };
        if (type is null)
        {
            return null;
        }
        return new FeedEvent
        {
            EventId = DeterministicId($"{instanceKey}|{revision}|{index}"),
            Type = type,
            OccurredAt = at,
            RequiredPermission = "tasks.work",
            Platform = order.Platform.ToString(),
            OrderId = order.OrderId,
            AssigneeUserId = assignee,
            Role = roles.FirstOrDefault(),
            Roles = roles,
            Payload = TaskPayload(emitted, task, order),
        };
    }

    public static FeedEvent FromReturnEvent(ReturnEvent e) => new()
    {
        EventId = DeterministicId($"return|{e.EventId}"),
        Type = e switch
        {
            ReturnRequested => FeedEventTypes.ReturnRequested,
            ReturnStatusChanged => FeedEventTypes.ReturnStatusChanged,
            _ => e.GetType().Name,
        },
        OccurredAt = e.At,
        RequiredPermission = "returns.write",
        OrderId = e.OrderId,
        Payload = Payload(e),
    };

    public static FeedEvent FromBillingEvent(BillingEvent e) => new()
    {
        EventId = DeterministicId($"billing|{e.EventId}"),
        Type = e switch
        {
            InvoiceIssued => FeedEventTypes.InvoiceIssued,
            PaymentRecorded => FeedEventTypes.PaymentRecorded,
            _ => e.GetType().Name,
        },
        OccurredAt = e.At,
        RequiredPermission = "billing.read",
        OrderId = e.OrderId,
        Payload = Payload(e),
    };

    // Serialized by runtime type so the payload carries the concrete event's fields, not only the base record's.
    private static string Payload(object e) => JsonSerializer.Serialize(e, e.GetType(), PayloadJson);

    private static Guid DeterministicId(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>What a task card shows: the event's own fields, plus the task's step, message and state after the change and the order's headline.</summary>
    private static string TaskPayload(object emitted, WorkflowTask? task, OrderFacts order)
    {
        var payload = JsonSerializer.SerializeToNode(emitted, emitted.GetType(), PayloadJson)!.AsObject();
        payload["stepId"] = task?.StepId;
        payload["message"] = task?.Message;
        payload["status"] = task?.Status.ToString();
        payload["assignee"] ??= task?.Assignee;
        payload["roles"] ??= JsonSerializer.SerializeToNode(task?.Roles ?? [], PayloadJson);
        payload["escalations"] = task?.Escalations;
        payload["platform"] = order.Platform.ToString();
        payload["account"] = order.Account;
        payload["grandTotal"] = order.GrandTotal;
        payload["currency"] = order.Currency;
        payload["itemCount"] = order.ItemCount;
        return payload.ToJsonString(PayloadJson);
    }
}
