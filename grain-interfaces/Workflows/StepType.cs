namespace OrderActors.Workflows;

/// <summary>What a workflow step does. Names are part of the public JSON contract.</summary>
public enum StepType
{
    /// <summary>A person does something and marks it done.</summary>
    ManualTask = 0,

    /// <summary>A person approves or rejects (with a reason).</summary>
    Approval = 1,

    /// <summary>A person packs the order's items, confirming each by scanning its SKU or barcode.</summary>
    Packing = 2,

    /// <summary>The order is handed to the carrier; tracking number and label reference are recorded.</summary>
    Ship = 3,

    /// <summary>Sets the order's workflow status.</summary>
    SetStatus = 4,

    /// <summary>Notifies users or roles.</summary>
    Notify = 5,

    /// <summary>Waits for a duration or until a time.</summary>
    Wait = 6,

    /// <summary>Continues on one of two steps depending on a condition.</summary>
    Branch = 7,

    /// <summary>Asks billing to invoice (or refund) the order.</summary>
    Invoice = 8,

    /// <summary>Opened by the engine when a condition could not be evaluated: a person decides.</summary>
    ManualReview = 9,

    /// <summary>Opened by the engine when a step failed: a person retries, skips or aborts.</summary>
    ManualIntervention = 10,
}
