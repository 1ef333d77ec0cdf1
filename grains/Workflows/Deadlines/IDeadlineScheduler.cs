namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary>Schedules deadlines that call back <c>IWorkflowInstanceGrain.OnDeadline</c> when they come.</summary>
public interface IDeadlineScheduler
{
    Task ScheduleAsync(string deadlineId, string instanceKey, DateTimeOffset dueAt);

    Task CancelAsync(string deadlineId);
}
