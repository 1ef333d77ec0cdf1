using System.Net;
using System.Net.Sockets;
using OrderActors.Hosting;
using OrderActors.MarketplaceSim;

namespace OrderActors.ApiHost.Demo;

/// <summary>
/// <c>--demo</c> / <c>OrderActors__Demo=true</c>: runs the marketplace simulator inside this process, points the
/// connectors at it and connects one labelled demo account per platform, with orders flowing in.
/// </summary>
public static class DemoMarketplaces
{
    public static void AddDemoMarketplaces(this WebApplicationBuilder builder, OrderActorsOptions options)
    {
        if (!options.Demo)
        {
            return;
        }
        var port = builder.Configuration.GetValue<int?>("OrderActors:DemoSimulatorPort") ?? FreeLoopbackPort();
        var baseUrl = $"http://127.0.0.1:{port}";
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Marketplaces:ShopeeBaseUrl"] = $"{baseUrl}/shopee",
            ["Marketplaces:LazadaApiUrl"] = $"{baseUrl}/lazada/rest",
            ["Marketplaces:LazadaAuthUrl"] = $"{baseUrl}/lazada/auth/rest",
            ["Marketplaces:LazadaAuthorizePageUrl"] = $"{baseUrl}/lazada/oauth/authorize",
            ["Marketplaces:ShopifyShopUrl"] = $"{baseUrl}/shopify/{{shop}}",
            ["Marketplaces:TikTokShopApiUrl"] = $"{baseUrl}/tiktok",
            ["Marketplaces:TikTokShopAuthUrl"] = $"{baseUrl}/tiktok-auth",
            ["Marketplaces:TikTokShopAuthorizePageUrl"] = $"{baseUrl}/tiktok/open/authorize",
        });
        builder.Services.AddSingleton(new SimulatorSettings
        {
            Port = port,
            OrdersPerMinute = builder.Configuration.GetValue("OrderActors:DemoOrdersPerMinute", 6.0),
            ProgressEvery = TimeSpan.FromSeconds(30),
        });
        builder.Services.AddHostedService<DemoMarketplaceService>();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
