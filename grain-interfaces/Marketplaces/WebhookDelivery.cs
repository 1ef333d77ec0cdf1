namespace OrderActors.Marketplaces;

/// <summary>One received webhook: the exact bytes, the headers that matter and the URL it was sent to.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.WebhookDelivery")]
public sealed record WebhookDelivery
{
    [Id(0)] public required byte[] Body { get; init; }

    /// <summary>Header names in lower case.</summary>
    [Id(1)] public required IReadOnlyDictionary<string, string> Headers { get; init; }

    [Id(2)] public required string CallbackUrl { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>The result of checking a webhook: valid or not, and the platform's id of the event for deduplication.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.WebhookCheck")]
public sealed record WebhookCheck(
    [property: Id(0)] bool Valid,
    [property: Id(1)] string? EventId,
    [property: Id(2)] string? PlatformOrderId);
