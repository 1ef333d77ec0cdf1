using OrderActors.Database;
using OrderActors.Grains.Workflows.Starts;

namespace OrderActors.Workflows.ReadModel;

/// <summary>The rows of <c>pending_workflow_starts</c>: written by the order projection, read and cleared by the index.</summary>
public static class PendingWorkflowStartRows
{
    public const string Table = "pending_workflow_starts";

    public static readonly IReadOnlyList<string> Columns = ["order_id", "flow_trigger", "attempt_at"];

    /// <summary>One row per distinct start, in key order (so concurrent writers take their row locks in the same order).</summary>
    public static IReadOnlyList<object?[]> For(IEnumerable<PendingWorkflowStart> starts, DateTimeOffset attemptAt, SqlDialect dialect) =>
        starts.Distinct()
            .OrderBy(s => s.OrderId.ToString(), StringComparer.Ordinal).ThenBy(s => s.Trigger)
            .Select(s => new object?[] { s.OrderId.ToString(), s.Trigger.ToString(), SqlTime.ToDb(attemptAt, dialect) })
            .ToList();
}
