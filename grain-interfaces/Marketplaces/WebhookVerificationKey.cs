using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>
/// What a receiving api-host needs to check a connected account's webhook signatures itself: the platform and the app
/// half of the credentials (app key and secret, shop id). Access and refresh tokens are never in it.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.WebhookVerificationKey")]
public sealed record WebhookVerificationKey(
    [property: Id(0)] SourcePlatform Platform,
    [property: Id(1)] PlatformCredentials AppCredentials)
{
    public override string ToString() => $"WebhookVerificationKey {{ {Platform}, secrets redacted }}";
}
