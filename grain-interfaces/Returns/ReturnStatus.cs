namespace OrderActors.Returns;

/// <summary>
/// Requested -> Approved | Rejected -> (mail: LabelIssued -> InTransit ->) Received -> Inspected -> Completed;
/// Cancelled from any state before the goods are received.
/// </summary>
public enum ReturnStatus
{
    Requested = 0,
    Approved = 1,
    Rejected = 2,
    LabelIssued = 3,
    InTransit = 4,
    Received = 5,
    Inspected = 6,
    Completed = 7,
    Cancelled = 8,
}
