using OrderActors.IntegrationTests.Infrastructure;
using OrderActors.MarketplaceSim;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>The simulator in-process on a free port, and the real api-host (embedded) pointed at it with fast retries.</summary>
public sealed class MarketplaceFixture : IAsyncLifetime
{
    public RunningSimulator Simulator { get; private set; } = null!;

    public MarketplaceApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new SimulatorSettings { WebhookRetryTimeScale = 600 };
        // Webhooks reach the api-host's test server in-process; the factory exists before the first webhook is sent.
        settings.WebhookHandlerFactory = () => Api.Server.CreateHandler();
        Simulator = await SimulatorHost.StartAsync(settings);
        Api = new MarketplaceApiFactory(Simulator);
        _ = Api.Server;
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

public sealed class MarketplaceApiFactory(RunningSimulator simulator) : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            foreach (var (key, value) in simulator.ConnectorSettings)
            {
                settings[key] = value;
            }
            settings["Marketplaces:MaxRetries"] = "12";
            settings["Marketplaces:RetryBaseDelay"] = "00:00:00.020";
            settings["Marketplaces:RetryMaxDelay"] = "00:00:00.200";
            settings["Marketplaces:ThrottleWait"] = "00:00:00.050";
            settings["Marketplaces:WriteBackRetryBase"] = "00:00:00.300";
            settings["Marketplaces:WriteBackRetryMax"] = "00:00:01";
            return settings;
        }
    }
}
