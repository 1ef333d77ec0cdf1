using System.Globalization;
using System.Text.Json;
using OrderActors.Events;

namespace OrderActors.ApiHost.Components.Live;

/// <summary>The parts of a feed event's JSON payload the dashboard shows; absent fields stay empty (producers may add or omit fields).</summary>
public sealed record FeedEventView(string PlatformOrderId, string CustomerName, string Amount, string? FromValue, string? ToValue, string? Actor,
    string? StepType = null, string? FlowId = null, string? Outcome = null, string? Decision = null)
{
    public static FeedEventView From(FeedEvent e)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(e.Payload) ? "{}" : e.Payload);
            var root = document.RootElement;
            string? Text(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
                ? value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
                    JsonValueKind.Object when value.TryGetProperty("displayName", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
                    JsonValueKind.Object when value.TryGetProperty("id", out var i) => i.ToString(),
                    _ => null,
                }
                : null;
            var amount = Text("grandTotal") is { } total ? $"{total} {Text("currency")}".Trim() : "";
            return new FeedEventView(Text("platformOrderId") ?? "", Text("customerName") ?? "", amount, Text("from"), Text("to"), Text("actor"),
                Text("stepType"), Text("flowId"), Text("outcome"), Text("decision"));
        }
        catch (JsonException)
        {
            return new FeedEventView("", "", "", null, null, null);
        }
    }

    /// <summary>One line for an activity list.</summary>
    public string Describe(FeedEvent e) => e.Type switch
    {
        FeedEventTypes.OrderReceived => $"New {e.Platform} order {PlatformOrderId} from {CustomerName} {Amount}".Trim(),
        FeedEventTypes.OrderStatusChanged => $"{e.Platform} order {PlatformOrderId}: status {FromValue} → {ToValue}{By}",
        "OrderWorkflowStatusChanged" => $"{e.Platform} order {PlatformOrderId}: workflow {FromValue} → {ToValue}{By}",
        FeedEventTypes.WorkflowTaskAssigned => $"{StepType ?? "A"} task opened{InFlow}",
        FeedEventTypes.WorkflowTaskCompleted => $"{StepType ?? "A"} task completed{InFlow}{(Outcome is null ? "" : $": {Outcome}")}",
        "OrderDuplicateDetected" => Decision switch
        {
            "Confirmed" => $"{e.Platform} order {PlatformOrderId}: duplicate confirmed",
            "Dismissed" => $"{e.Platform} order {PlatformOrderId}: not a duplicate (dismissed)",
            _ => $"{e.Platform} order {PlatformOrderId} may be a duplicate: check it on the order page",
        },
        _ => $"{e.Type} {PlatformOrderId}".Trim(),
    };

    private string By => Actor is null ? "" : $" by {Actor}";

    private string InFlow => FlowId is null ? "" : $" in flow {FlowId}";
}
