using OrderActors.Orders;

namespace OrderActors.Grains.Orders;

[GenerateSerializer, Alias("OrderActors.OrderState")]
public sealed class OrderState
{
    [Id(0)] public OrderDetails? Order { get; set; }

    /// <summary>Operation ids already applied, newest last, bounded so the state stays small.</summary>
    [Id(1)] public List<string> AppliedOperations { get; set; } = [];
}
