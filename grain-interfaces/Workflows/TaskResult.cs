namespace OrderActors.Workflows;

/// <summary>
/// How a person completed a task. <see cref="Outcome"/> by step type: ManualTask and Packing "done";
/// Approval "approved" or "rejected" (reason required); Ship "shipped" with a tracking number;
/// ManualReview "true"/"false" (the condition's value); ManualIntervention "retry", "skip" or "abort".
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.TaskResult")]
public sealed record TaskResult
{
    [Id(0)] public string Outcome { get; init; } = "done";
    [Id(1)] public string? Reason { get; init; }
    [Id(2)] public string? TrackingNumber { get; init; }
    [Id(3)] public string? LabelReference { get; init; }
    [Id(4)] public string? Notes { get; init; }
}
