using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>What a verified webhook says: which order changed (or that authorization ended) and the event's dedupe id.</summary>
public sealed record WebhookNotice(string EventId, WebhookKind Kind, string? PlatformOrderId, OrderSnapshot? Order = null);

public enum WebhookKind
{
    OrderChanged = 0,
    AuthorizationRevoked = 1,
    Ignored = 2,
}
