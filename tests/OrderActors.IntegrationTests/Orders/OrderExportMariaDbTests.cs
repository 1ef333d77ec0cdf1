using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.ReadModel;

namespace OrderActors.IntegrationTests.Orders;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuringCollection
{
    // Runs alone, so other tests' allocations do not blur the heap measurement.
    public const string Name = "memory measuring";
}

[Collection(MemoryMeasuringCollection.Name)]
public sealed class OrderExportMariaDbTests(MariaDbOrdersApiFactory factory) : IClassFixture<MariaDbOrdersApiFactory>
{
    private const int Rows = 100_000;

    [Fact]
    public async Task Exporting_100k_orders_streams_in_bounded_memory()
    {
        var client = factory.CreateClientWithPermissions(Permissions.OrdersRead);
        var projection = factory.Services.GetRequiredService<SqlOrderProjection>();
        foreach (var batch in SyntheticOrders.Generate(Rows, seed: 11, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(60)).Chunk(2000))
        {
            await projection.ProjectManyAsync(batch);
        }
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var response = await client.GetAsync("/api/orders/export.csv?sort=orderDate", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        long lines = 0, bytes = 0, midway = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            lines++;
            bytes += line.Length + 1;
            if (lines == Rows / 2)
            {
                // Half-way through, a buffered export would hold the whole result (rows or text) alive.
                midway = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            }
        }

        Assert.Equal(Rows + 1, lines);
        Assert.True(bytes > 10_000_000, $"payload {bytes} bytes");
        Assert.True(midway < bytes / 4, $"live heap grew by {midway:N0} bytes half-way through a {bytes:N0} byte export");
    }
}
