using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>A platform answered with an error. The subclasses say what the caller should do about it.</summary>
public class MarketplaceException(SourcePlatform platform, string code, string message)
    : Exception($"{platform} {code}: {message}")
{
    public SourcePlatform Platform { get; } = platform;
    public string Code { get; } = code;
}

/// <summary>Worth retrying: 5xx, timeouts, the platform's "internal error" codes.</summary>
public sealed class MarketplaceTransientException(SourcePlatform platform, string code, string message)
    : MarketplaceException(platform, code, message);

/// <summary>The platform throttled the call (429, <c>error_rate_limit</c>, <c>ApiCallLimit</c>, <c>THROTTLED</c>, <c>36009002</c>).</summary>
public sealed class MarketplaceThrottledException(SourcePlatform platform, string code, string message, TimeSpan? retryAfter)
    : MarketplaceException(platform, code, message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The access token expired: refresh it once and repeat the call.</summary>
public sealed class MarketplaceTokenExpiredException(SourcePlatform platform, string code, string message)
    : MarketplaceException(platform, code, message);

/// <summary>Credentials rejected or authorization revoked: the account cannot sync until a person fixes it.</summary>
public sealed class MarketplaceAuthException(SourcePlatform platform, string code, string message)
    : MarketplaceException(platform, code, message);

/// <summary>The platform refused the request itself (wrong state, bad parameter): repeating it unchanged will not help.</summary>
public sealed class MarketplaceRejectedException(SourcePlatform platform, string code, string message)
    : MarketplaceException(platform, code, message);
