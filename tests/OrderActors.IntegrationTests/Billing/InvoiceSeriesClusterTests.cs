using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using OrderActors.Billing;
using OrderActors.Database;
using OrderActors.Hosting;
using OrderActors.IntegrationTests.Infrastructure;
using OrderActors.Orders;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Billing;

/// <summary>
/// The acceptance test of gap-free numbering: 1,000 concurrent invoice creations over two silos, the silo that
/// hosts the series grain killed midway. Callers retry failed calls with the same request key, as the API does.
/// </summary>
public sealed class InvoiceSeriesClusterTests : IAsyncLifetime
{
    private const int InvoiceCount = 1000;
    private TestCluster _cluster = null!;
    private int _retries;

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        var connectionString = await server.CreateDatabaseAsync("billing_cluster");
        await new SchemaMigrator(new ReadModelDatabase(SqlDialect.MySql, connectionString), NullLogger<SchemaMigrator>.Instance).MigrateAsync();

        var builder = new TestClusterBuilder(2);
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:OrderActors"] = connectionString,
            ["OrderActors:Mode"] = "Cluster",
        }));
        builder.AddSiloBuilderConfigurator<SiloSetup>();
        builder.AddClientBuilderConfigurator<ClientSetup>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        await _cluster.WaitForLivenessToStabilizeAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Thousand_concurrent_invoices_with_a_silo_killed_midway_have_contiguous_unique_numbers()
    {
        var series = await SeriesHostedOnSecondarySiloAsync();
        var secondary = _cluster.SecondarySilos[0];
        var completed = 0;
        var results = new ConcurrentDictionary<string, InvoiceDetails>();
        var killed = new TaskCompletionSource();

        var creations = Enumerable.Range(1, InvoiceCount).Select(i => Task.Run(async () =>
        {
            var key = $"request-{i}";
            var invoice = await IssueWithRetryAsync(series, key, Draft(i));
            results[key] = invoice;
            if (Interlocked.Increment(ref completed) == InvoiceCount / 3)
            {
                _ = Task.Run(async () =>
                {
                    await _cluster.KillSiloAsync(secondary);
                    killed.SetResult();
                });
            }
        })).ToList();
        await Task.WhenAll(creations);
        await killed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(_cluster.GetActiveSilos());
        Assert.True(_retries > 0, "The kill should have interrupted some calls; otherwise the test proves nothing.");
        Assert.Equal(InvoiceCount, results.Count);
        var sequences = results.Values.Select(r => r.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, InvoiceCount).Select(n => (long)n), sequences);
        Assert.Equal(InvoiceCount, results.Values.Select(r => r.Number).Distinct().Count());
        Assert.All(results.Values, r => Assert.EndsWith(r.Sequence.ToString("D6"), r.Number));
        Assert.Equal(InvoiceCount, await _cluster.Client.GetGrain<IInvoiceSeriesGrain>(series).GetLastSequence());

        // Every number has its invoice, including those whose delivery the kill interrupted.
        foreach (var (key, issued) in results)
        {
            var stored = await _cluster.Client.GetGrain<IInvoiceGrain>(issued.Id).GetDetails();
            Assert.NotNull(stored);
            Assert.Equal(issued.Number, stored.Number);
            Assert.Equal(InvoiceIdentity.For(series, key), stored.Id);
        }
    }

    private async Task<InvoiceDetails> IssueWithRetryAsync(string series, string key, InvoiceDraft draft)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                return await _cluster.Client.GetGrain<IInvoiceSeriesGrain>(series).Issue(key, draft);
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // Unknown outcome (silo lost, timeout): retry with the same key, exactly as an API client does.
                Interlocked.Increment(ref _retries);
                await Task.Delay(100);
            }
        }
    }

    // The runtime would place the series where it likes: the placement hint puts it on the silo that will be killed.
    private async Task<string> SeriesHostedOnSecondarySiloAsync()
    {
        var secondary = _cluster.SecondarySilos[0].SiloAddress;
        const string series = "INV-KILL-2026";
        var grain = _cluster.Client.GetGrain<IInvoiceSeriesGrain>(series);
        await PlacementHint.ActivateOnAsync(secondary, grain.GetLastSequence);
        Assert.Equal(secondary, await _cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain));
        return series;
    }

    private static InvoiceDraft Draft(int i)
    {
        var (lines, totals) = InvoiceCalculator.Calculate([new InvoiceLineInput("SKU-1", "Item", 1 + i % 3, 10_000m)], new TaxPolicy(0.11m, true), "IDR");
        return new InvoiceDraft
        {
            OrderId = OrderId.For(SourcePlatform.Pos, "STORE-KILL", $"P-{i}"),
            StoreId = "STORE-KILL",
            Currency = "IDR",
            PricesIncludeTax = true,
            CustomerName = $"Customer {i}",
            Lines = lines,
            Totals = totals,
            Actor = new Actor(ActorKind.System, "test"),
        };
    }

    private sealed class ClientSetup : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
    }

    private sealed class SiloSetup : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var options = OrderActorsOptions.From(siloBuilder.Configuration);
            siloBuilder.Services.AddOrderActorsCore(siloBuilder.Configuration, options);
            siloBuilder.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (sp, _) => ActivatorUtilities.CreateInstance<ProcessWideGrainStorage>(sp));
            siloBuilder.UseInMemoryReminderService();
            // Random placement, so the test can pick a series that lives on the silo it kills.
            siloBuilder.Services.AddSingleton<PlacementStrategy, RandomPlacement>();
            siloBuilder.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5));
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        }
    }
}
