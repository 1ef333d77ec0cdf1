namespace OrderActors.Orders;

/// <summary>Internal handling state of an order, independent of the platform lifecycle.</summary>
public enum WorkflowStatus
{
    New = 0,
    Accepted = 1,
    Rejected = 2,
    InProgress = 3,
    Packed = 4,
    Done = 5,
    OnHold = 6,
}
