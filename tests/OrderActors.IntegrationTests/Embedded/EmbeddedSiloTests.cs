using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrderActors.Grains.Housekeeping;
using OrderActors.Hosting;
using OrderActors.Housekeeping;
using OrderActors.Orders;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Embedded;

/// <summary>
/// A real embedded silo, wired exactly as the api-host wires it (<see cref="OrleansSetup"/>), stopped and started
/// again on the same data directory.
/// </summary>
public sealed class EmbeddedSiloTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"oa-silo-{Guid.NewGuid():N}");

    [Fact]
    public async Task Grain_state_and_reminders_are_kept_in_the_sqlite_file_across_a_restart_and_the_reminder_fires()
    {
        var orderId = Guid.NewGuid();
        HousekeepingStatus firstLife;
        using (var host = await StartSiloAsync())
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IOrderGrain>(orderId).Upsert(Snapshot());

            // The silo schedules the upkeep reminder at start; with a one-second first delay it fires soon after.
            var housekeeping = grains.GetGrain<IHousekeepingGrain>(IHousekeepingGrain.SingletonKey);
            firstLife = await Poll.UntilAsync(housekeeping.GetStatus, s => s.Runs >= 1, TimeSpan.FromSeconds(30));
            Assert.Contains(HousekeepingGrain.StorageUpkeepReminder, firstLife.ScheduledTasks);
            // One run does every upkeep: the SQLite file's, the idempotency store's and the webhook inbox's.
            Assert.Contains("optimized", firstLife.LastOutcome);
            Assert.Contains("idempotency records", firstLife.LastOutcome);
            Assert.Contains("applied webhook deliveries", firstLife.LastOutcome);
            await host.StopAsync();
        }

        using (var host = await StartSiloAsync())
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var order = await grains.GetGrain<IOrderGrain>(orderId).GetDetails();
            Assert.NotNull(order);
            Assert.Equal(("M-SILO-1", "Siti Rahman"), (order.PlatformOrderId, order.Customer.Name));

            var status = await grains.GetGrain<IHousekeepingGrain>(IHousekeepingGrain.SingletonKey).GetStatus();
            Assert.Contains(HousekeepingGrain.StorageUpkeepReminder, status.ScheduledTasks);
            Assert.True(status.Runs >= firstLife.Runs, $"runs went from {firstLife.Runs} to {status.Runs}");
            Assert.NotNull(status.LastRunAt);
            await host.StopAsync();
        }
    }

    private async Task<IHost> StartSiloAsync()
    {
        var options = new OrderActorsOptions
        {
            Mode = RunMode.Embedded,
            DataDirectory = _dataDirectory,
            SiloPort = FreePort.Next(),
            GatewayPort = FreePort.Next(),
            ServiceId = "embedded-silo-test",
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddOrderActorsCore(builder.Configuration, options);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureOrderActorsSilo(options, connectionString: null);
            silo.Services.Configure<HousekeepingOptions>(o => o.FirstRunDelay = TimeSpan.FromSeconds(1));
        });
        var host = builder.Build();
        await host.Services.WaitForDatabaseAndMigrateAsync();
        await host.StartAsync();
        return host;
    }

    private static OrderSnapshot Snapshot() => new()
    {
        OperationId = "silo-test-create",
        Platform = SourcePlatform.Manual,
        AccountId = "manual",
        PlatformOrderId = "M-SILO-1",
        Customer = new Customer("Siti Rahman", "siti@example.com", "+60123456789"),
        Items = [new OrderItem("TEE-RED-M", "Red tee M", null, 2, 39.90m, 0m)],
        Totals = new OrderTotals(79.80m, 5.00m, 0m, 0m, 84.80m),
        Currency = "MYR",
        OrderDate = DateTimeOffset.UtcNow,
        Status = OrderStatus.Pending,
        Actor = new Actor(ActorKind.System, "embedded-silo-test"),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}
