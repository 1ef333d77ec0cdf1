namespace OrderActors.Workflows;

/// <summary>What happens when a step's task is not completed within its timeout.</summary>
public enum TimeoutAction
{
    /// <summary>Raise the priority and hand the task to the escalation role (Manager unless set).</summary>
    Escalate = 0,

    /// <summary>Give the task to another available holder of the step's role.</summary>
    Reassign = 1,

    /// <summary>Complete the task as if a person had (approvals count as approved).</summary>
    AutoComplete = 2,

    /// <summary>Treat the step as failed and apply its failure action.</summary>
    Fail = 3,
}
