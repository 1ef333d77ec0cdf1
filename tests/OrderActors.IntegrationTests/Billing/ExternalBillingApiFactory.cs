using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Billing;

/// <summary>The api-host wired to a <see cref="BillingEndpointSimulator"/> with a short timeout and retry interval.</summary>
public sealed class ExternalBillingApiFactory : ApiFactory, IAsyncLifetime
{
    public BillingEndpointSimulator Simulator { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OrderActors:Billing:ExternalEndpoint"] = Simulator.BaseUrl;
            settings["OrderActors:Billing:ExternalTimeout"] = "00:00:01";
            settings["OrderActors:Billing:RetryInterval"] = "00:00:00.300";
            settings["OrderActors:Billing:Stores:STORE1:TaxRate"] = "0.11";
            settings["OrderActors:Billing:Stores:STORE1:PricesIncludeTax"] = "true";
            return settings;
        }
    }

    public async Task InitializeAsync() => Simulator = await BillingEndpointSimulator.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Simulator.DisposeAsync();
    }
}
