using OrderActors.Orders;

namespace OrderActors.Returns;

/// <summary>One return (RMA). Every command is idempotent: repeating it in the state it led to changes nothing.</summary>
public interface IReturnRequestGrain : IGrainWithGuidKey
{
    /// <summary>Opens the return, reserving its quantities against the order; a repeat answers with the return.</summary>
    Task<ReturnCommandResult> Create(CreateReturnCommand command);

    Task<ReturnDetails?> GetDetails();

    Task<ReturnCommandResult> Approve(string? note, Actor actor);

    Task<ReturnCommandResult> Reject(string reason, Actor actor);

    /// <summary>Mail returns: assigns the tracking number printed on the return label.</summary>
    Task<ReturnCommandResult> IssueLabel(Actor actor);

    Task<ReturnCommandResult> MarkInTransit(Actor actor);

    Task<ReturnCommandResult> Receive(Actor actor);

    Task<ReturnCommandResult> Inspect(IReadOnlyList<ItemInspection> inspections, Actor actor);

    /// <summary>Restocks sellable items and records the refund as a credit note (refund, store credit).</summary>
    Task<ReturnCommandResult> Complete(ReturnResolution resolution, Actor actor);

    Task<ReturnCommandResult> Cancel(string reason, Actor actor);

    Task<ReturnCommandResult> AddAttachment(ReturnAttachment attachment);

    Task<IReadOnlyList<ReturnEvent>> GetOutbox();

    Task AcknowledgeOutbox(string eventId);
}
