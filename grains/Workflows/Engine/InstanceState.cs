using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Engine;

/// <summary>The persisted state of one workflow instance. The flow version it runs is kept whole, so edits never reach it.</summary>
[GenerateSerializer, Alias("OrderActors.Workflows.InstanceState")]
public sealed class InstanceState
{
    [Id(0)] public string Key { get; set; } = "";
    [Id(1)] public ProcessFlow? Flow { get; set; }
    [Id(2)] public OrderFacts Order { get; set; } = new();
    [Id(3)] public InstanceStatus Status { get; set; }
    [Id(4)] public string? CurrentStep { get; set; }
    [Id(5)] public DateTimeOffset StepStartedAt { get; set; }
    [Id(6)] public List<StepRecord> History { get; set; } = [];
    [Id(7)] public List<WorkflowTask> Tasks { get; set; } = [];
    [Id(8)] public List<NotificationRecord> Notifications { get; set; } = [];
    [Id(9)] public ShipmentRecord? Shipment { get; set; }

    /// <summary>Completed automatic steps that can be undone, oldest first.</summary>
    [Id(10)] public List<CompletedAction> Undoable { get; set; } = [];

    /// <summary>Failed attempts per step id, for retries with backoff.</summary>
    [Id(11)] public Dictionary<string, int> Attempts { get; set; } = [];
    [Id(12)] public int TaskSequence { get; set; }

    /// <summary>Deadlines scheduled and not yet handled: deadline id -> what it is for.</summary>
    [Id(13)] public Dictionary<string, DeadlinePurpose> Deadlines { get; set; } = [];
    [Id(14)] public DateTimeOffset StartedAt { get; set; }
    [Id(15)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(16)] public long Revision { get; set; }

    /// <summary>The step a manual intervention task is about, by task id.</summary>
    [Id(17)] public Dictionary<string, string> FailedStepOfTask { get; set; } = [];

    /// <summary>Operation ids of outside accepts and rejects that closed a task here, newest last, bounded.</summary>
    [Id(18)] public List<string> AppliedDecisions { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.CompletedAction")]
public sealed record CompletedAction(
    [property: Id(0)] string StepId,
    [property: Id(1)] StepType Type,
    [property: Id(2)] string Undo);

public enum DeadlineKind
{
    TaskTimeout = 0,
    WaitOver = 1,
    Retry = 2,
}

[GenerateSerializer, Immutable, Alias("OrderActors.Workflows.DeadlinePurpose")]
public sealed record DeadlinePurpose(
    [property: Id(0)] DeadlineKind Kind,
    [property: Id(1)] string Ref);
