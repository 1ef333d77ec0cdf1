namespace OrderActors.Workflows;

/// <summary>One reason a flow definition is refused, with the JSON path of the field at fault.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.FlowProblem")]
public sealed record FlowProblem(
    [property: Id(0)] string Field,
    [property: Id(1)] string Message);
