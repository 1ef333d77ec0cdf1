using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Marketplaces.Lazada;
using OrderActors.Marketplaces.Resilience;
using OrderActors.Marketplaces.Shopee;
using OrderActors.Marketplaces.Shopify;
using OrderActors.Marketplaces.TikTokShop;
using OrderActors.Orders;

namespace OrderActors.Marketplaces;

public static class MarketplaceServices
{
    public static IServiceCollection AddMarketplaceConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MarketplaceOptions>().Bind(configuration.GetSection(MarketplaceOptions.Section));
        // Timeouts belong to the resilience pipeline (per attempt and per call), not to HttpClient.
        services.AddHttpClient(ConnectorHttp.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<ConnectorHttp>();
        services.AddSingleton<MarketplaceResilience>();
        services.AddSingleton<IMarketplaceConnector, ShopeeConnector>();
        services.AddSingleton<IMarketplaceConnector, LazadaConnector>();
        services.AddSingleton<IMarketplaceConnector, ShopifyConnector>();
        services.AddSingleton<IMarketplaceConnector, TikTokShopConnector>();
        services.AddSingleton<MarketplaceConnectors>();
        return services;
    }
}

/// <summary>The connector of each platform.</summary>
public sealed class MarketplaceConnectors(IEnumerable<IMarketplaceConnector> connectors)
{
    private readonly Dictionary<SourcePlatform, IMarketplaceConnector> _byPlatform = connectors.ToDictionary(c => c.Platform);

    public IMarketplaceConnector For(SourcePlatform platform) =>
        _byPlatform.TryGetValue(platform, out var connector) ? connector : throw new ArgumentException($"{platform} has no marketplace connector.", nameof(platform));

    public static bool IsMarketplace(SourcePlatform platform) =>
        platform is SourcePlatform.Shopee or SourcePlatform.Lazada or SourcePlatform.Shopify or SourcePlatform.TikTokShop;
}
