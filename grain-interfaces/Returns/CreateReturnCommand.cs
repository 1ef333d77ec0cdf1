using OrderActors.Orders;

namespace OrderActors.Returns;

[GenerateSerializer, Immutable, Alias("OrderActors.Returns.CreateReturnCommand")]
public sealed record CreateReturnCommand(
    [property: Id(0)] Guid OrderId,
    [property: Id(1)] ReturnChannel Channel,
    [property: Id(2)] ReturnSource Source,
    [property: Id(3)] IReadOnlyList<ReturnItem> Items,
    [property: Id(4)] string Location,
    [property: Id(5)] string? Notes,
    [property: Id(6)] string? PlatformReturnId,
    [property: Id(7)] Actor Actor);
