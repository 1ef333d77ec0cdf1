using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Model;

/// <summary>A seller's shop authorized for one app, with its current token pair and where its webhooks go.</summary>
public sealed class SimShop
{
    public required SourcePlatform Platform { get; init; }
    public required string ShopId { get; init; }
    public required string AppKey { get; init; }
    public required string Currency { get; init; }
    public required string Country { get; init; }
    public string ShopCipher => $"ROW_{ShopId}cipher";
    public string? WebhookTarget { get; set; }
    public bool Authorized { get; set; } = true;
    public bool Generate { get; set; }
}

/// <summary>An app (partner) registered with a platform: key, secret and its OAuth redirect.</summary>
public sealed record SimApp(SourcePlatform Platform, string AppKey, string AppSecret, string? RedirectUri);

public sealed class SimToken
{
    public required string AccessToken { get; init; }
    public required string RefreshToken { get; init; }
    public required SourcePlatform Platform { get; init; }
    public required string ShopId { get; init; }
    public required DateTimeOffset ExpiresAt { get; set; }
    public bool RefreshUsed { get; set; }
}

/// <summary>A write-back the simulator received and applied (or refused), for tests to read.</summary>
public sealed record PushedBack(SourcePlatform Platform, string ShopId, string OrderId, string Action, string? Detail, bool Applied, DateTimeOffset At);
