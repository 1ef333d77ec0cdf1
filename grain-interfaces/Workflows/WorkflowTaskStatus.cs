namespace OrderActors.Workflows;

public enum WorkflowTaskStatus
{
    /// <summary>In the pool of its role: any holder may claim it.</summary>
    Open = 0,

    /// <summary>Given to a user who has not started it yet.</summary>
    Assigned = 1,

    /// <summary>A user is working on it.</summary>
    Claimed = 2,

    Completed = 3,
    Cancelled = 4,
}
