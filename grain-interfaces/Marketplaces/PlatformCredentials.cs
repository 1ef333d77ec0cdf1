namespace OrderActors.Marketplaces;

/// <summary>
/// The secrets of one connected shop. <see cref="AppKey"/>/<see cref="AppSecret"/> are Shopee's partner_id/partner_key,
/// Lazada's and TikTok's app_key/app_secret, Shopify's client_id/client_secret. <see cref="ShopId"/> is Shopee's
/// shop_id, Lazada's seller id, Shopify's shop name (<c>{shop}.myshopify.com</c>) and TikTok's shop id.
/// Never logged: <see cref="ToString"/> leaves every secret out.
/// </summary>
[GenerateSerializer, Immutable, Alias("OrderActors.PlatformCredentials")]
public sealed record PlatformCredentials
{
    [Id(0)] public required string AppKey { get; init; }
    [Id(1)] public required string AppSecret { get; init; }
    [Id(2)] public required string ShopId { get; init; }
    [Id(3)] public string? AccessToken { get; init; }
    [Id(4)] public string? RefreshToken { get; init; }
    [Id(5)] public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>TikTok Shop's <c>shop_cipher</c>, found through Get Authorized Shops.</summary>
    [Id(6)] public string? ShopCipher { get; init; }

    /// <summary>Lazada's venture (<c>sg</c>, <c>my</c>, ...), which picks the API host.</summary>
    [Id(7)] public string? Region { get; init; }

    public override string ToString() => $"PlatformCredentials {{ ShopId = {ShopId}, AppKey = {AppKey}, secrets redacted }}";
}
