using System.Text.Json.Serialization;

namespace OrderActors.Returns;

/// <summary>An event kept in the return grain's state (outbox) with the change it describes; the feed drains it.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Returns.ReturnEvent")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ReturnRequested), nameof(ReturnRequested))]
[JsonDerivedType(typeof(ReturnStatusChanged), nameof(ReturnStatusChanged))]
public abstract record ReturnEvent
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required Guid ReturnId { get; init; }
    [Id(2)] public required Guid OrderId { get; init; }
    [Id(3)] public required string RmaNumber { get; init; }
    [Id(4)] public required DateTimeOffset At { get; init; }
}
