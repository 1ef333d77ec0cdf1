using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OrderActors.Grains.Orders;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>
/// The real api-host (embedded) whose clock is a <see cref="FakeTimeProvider"/> the test moves forward, without the
/// built-in order flows (<see cref="BuiltInOrderFlowsOff"/>).
/// </summary>
public class OrdersApiFactory : ApiFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OrderActors:Orders:UndoWindow"] = "00:10:00";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            // Only the orders' clock: Orleans' own timers (stream agents, timeouts) keep the real one.
            services.AddKeyedSingleton<TimeProvider>(OrdersOptions.ClockKey, Clock);
            services.AddHostedService<BuiltInOrderFlowsOff>();
        });
    }
}
