using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Database;
using OrderActors.Orders;
using OrderActors.ReadModel;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>A private MariaDB database with the read-model schema and 6,000 generated orders loaded through the projection.</summary>
public sealed class MariaDbReadModelFixture : IAsyncLifetime
{
    public const int OrderCount = 6000;
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public ReadModelDatabase Database { get; private set; } = null!;
    public SqlOrderProjection Projection { get; private set; } = null!;
    public OrderQueries Queries { get; private set; } = null!;
    public OrderStatisticsQueries Statistics { get; private set; } = null!;
    public List<OrderDetails> Orders { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var server = await MariaDbServer.GetSharedAsync();
        Database = new ReadModelDatabase(SqlDialect.MySql, await server.CreateDatabaseAsync("orders_rm"));
        await new SchemaMigrator(Database, NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        Projection = new SqlOrderProjection(Database);
        Queries = new OrderQueries(Database);
        Statistics = new OrderStatisticsQueries(Database);
        Orders = SyntheticOrders.Generate(OrderCount, seed: 7, Start, TimeSpan.FromDays(10)).ToList();
        foreach (var batch in Orders.Chunk(1000))
        {
            await Projection.ProjectManyAsync(batch);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
