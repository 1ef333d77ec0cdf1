namespace OrderActors.Workflows;

/// <summary>Keys of instances (one per order and flow, or one per return) and of their tasks.</summary>
public static class WorkflowInstanceKey
{
    public const string ReturnSuffix = "return-request";

    public static string For(Guid orderId, string flowId) => $"{orderId:N}.{flowId}";

    /// <summary>
    /// The one instance of a return request, whichever ReturnRequested flow runs it: keyed by the return id, so the
    /// return's approval gateway finds it from the return alone. Its view still names the order and the flow.
    /// </summary>
    public static string ForReturn(Guid returnId) => $"{returnId:N}.{ReturnSuffix}";

    public static string TaskId(string instanceKey, int sequence) => $"{instanceKey}.t{sequence}";

    /// <summary>The instance key a task id belongs to, or null for a malformed id.</summary>
    public static string? InstanceOfTask(string taskId)
    {
        var last = taskId.LastIndexOf(".t", StringComparison.Ordinal);
        if (last <= 33 || !int.TryParse(taskId.AsSpan(last + 2), out _))
        {
            return null;
        }
        var key = taskId[..last];
        return Guid.TryParseExact(key[..32], "N", out _) && key[32] == '.' ? key : null;
    }

    public static Guid OrderOf(string instanceKey) => Guid.ParseExact(instanceKey[..32], "N");

    public static string FlowOf(string instanceKey) => instanceKey[33..];
}
