namespace OrderActors.Workflows;

/// <summary>
/// The return a ReturnRequested flow runs for. <see cref="AutoApproveBelow"/> is the configured automatic approval
/// limit for the return's currency (0 when none) and <see cref="ReviewReason"/> whether a reason always needs a
/// person, so flows can decide by value and reason without repeating the configuration.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.ReturnFacts")]
public sealed record ReturnFacts
{
    [Id(0)] public Guid ReturnId { get; init; }
    [Id(1)] public string RmaNumber { get; init; } = "";
    [Id(2)] public decimal Value { get; init; }
    [Id(3)] public IReadOnlyList<string> ReasonCodes { get; init; } = [];
    [Id(4)] public string Channel { get; init; } = "";
    [Id(5)] public decimal AutoApproveBelow { get; init; }
    [Id(6)] public bool ReviewReason { get; init; }
}
