using OrderActors.Returns;

namespace OrderActors.Grains.Returns;

[GenerateSerializer, Alias("OrderActors.Grains.Returns.ReturnRequestState")]
public sealed class ReturnRequestState
{
    [Id(0)] public ReturnDetails? Return { get; set; }

    [Id(1)] public List<ReturnEvent> Outbox { get; set; } = [];

    /// <summary>The approval gateway was asked; asked again on activation if a crash came in between.</summary>
    [Id(2)] public bool ApprovalRequested { get; set; }

    /// <summary>Completed, but restocking or the refund not yet confirmed; finished on activation.</summary>
    [Id(3)] public bool CompletionEffectsPending { get; set; }
}
