namespace OrderActors.Orders;

/// <summary>
/// One order, keyed by <see cref="OrderId.For"/> of its platform, account and platform order id.
/// Every command carries an operation id in its <see cref="CommandContext"/>; a repeated id changes nothing.
/// </summary>
public interface IOrderGrain : IGrainWithGuidKey
{
    /// <summary>Creates the order or applies a newer snapshot of it. Idempotent by operation id and platform update time.</summary>
    Task<OrderUpsertResult> Upsert(OrderSnapshot snapshot);

    /// <summary>The order, or null when it was never created.</summary>
    Task<OrderDetails?> GetDetails();

    /// <summary>Accepts the order for handling (workflow status New or On hold -> Accepted).</summary>
    Task<OrderCommandResult> Accept(CommandContext context, string? reason);

    /// <summary>Rejects the order (workflow status -> Rejected).</summary>
    Task<OrderCommandResult> Reject(CommandContext context, string? reason);

    /// <summary>Changes the unified platform status along the transition table.</summary>
    Task<OrderCommandResult> ChangeStatus(CommandContext context, OrderStatus status, string? reason);

    /// <summary>Changes the internal workflow status along the transition table (used by workflows and people).</summary>
    Task<OrderCommandResult> ChangeWorkflowStatus(CommandContext context, WorkflowStatus status, string? reason);

    /// <summary>Reverts the last accept, reject or status change while the undo window is open.</summary>
    Task<OrderCommandResult> Undo(CommandContext context);

    /// <summary>Replaces the order's notes (null clears them).</summary>
    Task<OrderCommandResult> SetNotes(CommandContext context, string? notes);

    /// <summary>Replaces the order's tags.</summary>
    Task<OrderCommandResult> SetTags(CommandContext context, IReadOnlyList<string> tags);

    /// <summary>
    /// Ships the order: status -> Shipped (when the transition table reaches it) with the shipment kept on the order.
    /// A marketplace order then pushes the shipment to its platform (see <see cref="WriteBackAccepted"/>).
    /// </summary>
    Task<OrderCommandResult> Ship(CommandContext context, ShipmentInfo shipment, string? reason);

    /// <summary>
    /// The account grain confirms that it durably queued the write-back <paramref name="writeBackOperationId"/>;
    /// until then the order keeps handing it over (after crashes and reactivations too).
    /// </summary>
    Task WriteBackAccepted(string writeBackOperationId);

    /// <summary>
    /// The workflow starter confirms that it handled this order's <paramref name="trigger"/> start (started its flow,
    /// found it already started, or found no flow that applies); until then the order keeps handing the start over.
    /// </summary>
    Task WorkflowStartHandled(Workflows.FlowTrigger trigger);

    /// <summary>
    /// Hands over again everything this order recorded for a receiver that has not confirmed it: workflow starts,
    /// decisions made outside the workflow, marketplace write-backs (activating the order is what resumes a hand-over
    /// whose silo died); returns what is still unconfirmed. Used by the hand-over sweep.
    /// </summary>
    Task<OrderHandOvers> ResumeHandOvers();

    /// <summary>
    /// The decision relay confirms that the order's workflow instances were told of the accept or reject made by the
    /// command <paramref name="operationId"/>; until then the order keeps handing the decision over.
    /// </summary>
    Task WorkflowDecisionHandled(string operationId);

    /// <summary>Records whether local changes reached the platform (marketplace sync).</summary>
    Task<OrderCommandResult> SetSyncStatus(CommandContext context, SyncStatus status, string? error);

    /// <summary>Records another order as a probable duplicate of this one (idempotent per other order).</summary>
    Task<OrderCommandResult> NoteDuplicateCandidate(CommandContext context, Guid otherOrderId, double score, IReadOnlyList<string> reasons);

    /// <summary>Confirms that this order and <paramref name="otherOrderId"/> are one purchase; <paramref name="primaryOrderId"/> is the one kept.</summary>
    Task<OrderCommandResult> ConfirmDuplicate(CommandContext context, Guid otherOrderId, Guid primaryOrderId);

    /// <summary>Dismisses <paramref name="otherOrderId"/> as a duplicate candidate.</summary>
    Task<OrderCommandResult> DismissDuplicate(CommandContext context, Guid otherOrderId);
}
