namespace OrderActors.Workflows;

/// <summary>What happens when an automatic step fails.</summary>
public enum FailureAction
{
    /// <summary>Retry with exponential backoff up to the step's retry limit, then ask a person.</summary>
    Retry = 0,

    /// <summary>Undo the completed automatic steps that define an undo, newest first, then ask a person.</summary>
    Compensate = 1,

    /// <summary>Ask a person at once.</summary>
    ManualIntervention = 2,
}
