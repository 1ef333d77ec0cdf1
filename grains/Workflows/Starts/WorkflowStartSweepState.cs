namespace OrderActors.Grains.Workflows.Starts;

[GenerateSerializer, Alias("OrderActors.WorkflowStartSweepState")]
public sealed class WorkflowStartSweepState
{
    /// <summary>The reminder period last registered, so a changed <see cref="WorkflowStartSweepOptions.Interval"/> is applied.</summary>
    [Id(0)] public TimeSpan? ScheduledInterval { get; set; }
}
