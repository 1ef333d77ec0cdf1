using System.Text.Json;
using System.Text.Json.Serialization;
using OrderActors.Events;

namespace OrderActors.Grains.Events;

/// <summary>Turns domain events into entries of the global feed, with the JSON a client renders them from.</summary>
public static class FeedEvents
{
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static FeedEvent FromOrderEvent(OrderEvent e) => new()
    {
        EventId = e.EventId,
        Type = e.Type,
        OccurredAt = e.At,
        RequiredPermission = "orders.read",
        Platform = e.Platform.ToString(),
        OrderId = e.OrderId,
        Payload = Payload(e),
    };

    public static FeedEvent FromAccountSyncFailed(AccountSyncFailed e) => new()
    {
        // One event per account and failure time: a repeated publication of the same failure is stored once.
        EventId = DeterministicId($"{e.AccountId:N}|{e.At.UtcTicks}"),
        Type = FeedEventTypes.AccountSyncFailed,
        OccurredAt = e.At,
        RequiredPermission = "platforms.manage",
        Platform = e.Platform.ToString(),
        Payload = Payload(e),
    };

    // Serialized by runtime type so the payload carries the concrete event's fields, not only the base record's.
    private static string Payload(object e) => JsonSerializer.Serialize(e, e.GetType(), PayloadJson);

    private static Guid DeterministicId(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16));
    }
}
