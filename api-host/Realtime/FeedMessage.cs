using System.Text.Json;
using OrderActors.Events;

namespace OrderActors.ApiHost.Realtime;

/// <summary>
/// An event as clients receive it, over SignalR (client method = <see cref="Type"/>) and from <c>GET /api/events</c>.
/// The payload is embedded as JSON, not as a string.
/// </summary>
public sealed record FeedMessage(
    long Position,
    string Type,
    Guid EventId,
    DateTimeOffset OccurredAt,
    string? Platform,
    Guid? OrderId,
    string? AssigneeUserId,
    string? Role,
    JsonElement Payload,
    IReadOnlyList<string> Roles)
{
    public static FeedMessage From(FeedEvent e) => new(
        e.Position, e.Type, e.EventId, e.OccurredAt, e.Platform, e.OrderId, e.AssigneeUserId, e.Role, ParsePayload(e.Payload), e.Roles);

    public static JsonElement ParsePayload(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(payload) ? "{}" : payload);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // A producer bug must not break the feed: hand the text over as a JSON string.
            return JsonSerializer.SerializeToElement(payload);
        }
    }
}
