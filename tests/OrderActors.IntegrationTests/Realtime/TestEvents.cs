using OrderActors.Events;

namespace OrderActors.IntegrationTests.Realtime;

public static class TestEvents
{
    public static FeedEvent Create(string type, string payload = "{}", string requiredPermission = "orders.read") => new()
    {
        EventId = Guid.NewGuid(),
        Type = type,
        // The log keeps milliseconds.
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
        RequiredPermission = requiredPermission,
        Payload = payload,
    };
}
