using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrderActors.MarketplaceSim.Control;
using OrderActors.MarketplaceSim.Generation;
using OrderActors.MarketplaceSim.Model;
using OrderActors.MarketplaceSim.Platforms;
using OrderActors.MarketplaceSim.Webhooks;

namespace OrderActors.MarketplaceSim;

/// <summary>
/// Builds the simulator as a WebApplication, for its own process (Program.cs) or in-process (tests, demo mode).
/// Base paths: <c>/shopee</c>, <c>/lazada/rest</c> (+ <c>/lazada/auth/rest</c>), <c>/shopify/{shop}</c>, <c>/tiktok</c> (+ <c>/tiktok-auth</c>), control <c>/_sim</c>.
/// </summary>
public static class SimulatorHost
{
    public static WebApplication Build(SimulatorSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Configuration.GetSection(SimulatorSettings.Section).Bind(settings);
        builder.WebHost.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, settings.Port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SimState>();
        builder.Services.AddSingleton<ShopeeLostPushes>();
        builder.Services.AddSingleton<FaultGate>();
        builder.Services.AddSingleton<OrderFactory>();
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddHostedService<OrderGenerator>();

        var app = builder.Build();
        app.Services.GetRequiredService<WebhookDispatcher>(); // subscribe before the first order exists
        app.MapShopee();
        app.MapLazada();
        app.MapShopify();
        app.MapTikTokShop();
        app.MapControlApi();
        app.MapGet("/", () => "OrderActors marketplace simulator: Shopee /shopee, Lazada /lazada, Shopify /shopify/{shop}, TikTok Shop /tiktok, control /_sim");
        return app;
    }

    /// <summary>Starts the simulator on a free loopback port and returns it with its base URL.</summary>
    public static async Task<RunningSimulator> StartAsync(SimulatorSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new SimulatorSettings();
        settings.Port = 0;
        var app = Build(settings);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningSimulator(app, address.TrimEnd('/'));
    }
}

/// <summary>A started simulator: its base URL, its state for assertions, and shutdown.</summary>
public sealed class RunningSimulator(WebApplication app, string baseUrl) : IAsyncDisposable
{
    public string BaseUrl { get; } = baseUrl;

    public SimState State => app.Services.GetRequiredService<SimState>();

    public OrderFactory Orders => app.Services.GetRequiredService<OrderFactory>();

    public WebhookDispatcher Webhooks => app.Services.GetRequiredService<WebhookDispatcher>();

    public string ShopeeBaseUrl => $"{BaseUrl}/shopee";
    public string LazadaApiUrl => $"{BaseUrl}/lazada/rest";
    public string LazadaAuthUrl => $"{BaseUrl}/lazada/auth/rest";
    public string LazadaAuthorizePageUrl => $"{BaseUrl}/lazada/oauth/authorize";
    public string ShopifyShopUrl => $"{BaseUrl}/shopify/{{shop}}";
    public string TikTokShopApiUrl => $"{BaseUrl}/tiktok";
    public string TikTokShopAuthUrl => $"{BaseUrl}/tiktok-auth";
    public string TikTokShopAuthorizePageUrl => $"{BaseUrl}/tiktok/open/authorize";

    /// <summary>Configuration keys pointing the connectors (section <c>Marketplaces</c>) at this simulator.</summary>
    public IReadOnlyDictionary<string, string> ConnectorSettings => new Dictionary<string, string>
    {
        ["Marketplaces:ShopeeBaseUrl"] = ShopeeBaseUrl,
        ["Marketplaces:LazadaApiUrl"] = LazadaApiUrl,
        ["Marketplaces:LazadaAuthUrl"] = LazadaAuthUrl,
        ["Marketplaces:LazadaAuthorizePageUrl"] = LazadaAuthorizePageUrl,
        ["Marketplaces:ShopifyShopUrl"] = ShopifyShopUrl,
        ["Marketplaces:TikTokShopApiUrl"] = TikTokShopApiUrl,
        ["Marketplaces:TikTokShopAuthUrl"] = TikTokShopAuthUrl,
        ["Marketplaces:TikTokShopAuthorizePageUrl"] = TikTokShopAuthorizePageUrl,
    };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
