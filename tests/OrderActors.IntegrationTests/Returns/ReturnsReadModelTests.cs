using OrderActors.Orders;
using OrderActors.Returns;

namespace OrderActors.IntegrationTests.Returns;

/// <summary>The returns queue read model on MariaDB and on embedded SQLite: versioned projection, filters, keyset paging.</summary>
public sealed class ReturnsReadModelTests(ReturnsReadModelDatabases databases) : IClassFixture<ReturnsReadModelDatabases>
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Customers = ["Siti Rahma", "Budi Santoso", "Nguyen Van An", "Maria Tan"];

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task An_older_or_repeated_version_never_overwrites_a_newer_one(string dialect)
    {
        var database = databases.For(dialect);
        var projection = new SqlReturnProjection(database);
        var queries = new ReturnQueries(database);
        var orderId = Guid.NewGuid();
        var v1 = Return(orderId, $"RMA-2031-{Random.Shared.Next(1, 999999):D6}", Start, ReturnStatus.Requested, "Siti Rahma") with { Version = 1 };
        var v3 = v1 with { Status = ReturnStatus.Received, Version = 3, UpdatedAt = Start.AddHours(2) };

        await projection.ProjectAsync(v1);
        await projection.ProjectAsync(v3);
        await projection.ProjectAsync(v1);
        await projection.ProjectAsync(v3 with { Status = ReturnStatus.Approved, Version = 2 });

        var row = Assert.Single((await queries.ListAsync(new ReturnListQuery { OrderId = orderId })).Items);
        Assert.Equal("Received", row.Status);
        Assert.Equal(Start.AddHours(2), row.UpdatedAt);
        Assert.Equal(v1.RmaNumber, row.RmaNumber);
        Assert.Equal(125000.5m, row.Value);
        Assert.Equal("IDR", row.Currency);
        Assert.Equal("Mail", row.Channel);
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Filters_and_keyset_pages_return_each_matching_return_once_newest_first(string dialect)
    {
        var database = databases.For(dialect);
        var projection = new SqlReturnProjection(database);
        var queries = new ReturnQueries(database);
        var batch = Guid.NewGuid();
        var orderId = Guid.NewGuid();
        var returns = new List<ReturnDetails>();
        for (var i = 0; i < 57; i++)
        {
            // Pairs share a creation time so the id breaks ties across page boundaries.
            var created = Start.AddMinutes(i / 2);
            var status = (ReturnStatus)(i % 4);
            var r = Return(i % 5 == 0 ? orderId : Guid.NewGuid(), $"RMA-{batch.ToString("N")[..6]}-{i:D6}", created, status, $"{Customers[i % Customers.Length]} {batch:N}")
                with { Channel = i % 3 == 0 ? ReturnChannel.InStore : ReturnChannel.Mail };
            returns.Add(r);
            await projection.ProjectAsync(r);
        }
        var ours = returns.Select(r => r.Id).ToHashSet();
        IEnumerable<ReturnDetails> Newest(IEnumerable<ReturnDetails> rs) =>
            rs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id.ToString(), StringComparer.Ordinal);

        var all = await ReadAllAsync(queries, new ReturnListQuery { Text = batch.ToString("N"), Limit = 7 });
        Assert.Equal(Newest(returns).Select(r => r.Id), all);

        var open = await ReadAllAsync(queries, new ReturnListQuery { Statuses = ["Requested", "Approved"], Text = batch.ToString("N"), Limit = 4 });
        Assert.Equal(Newest(returns.Where(r => r.Status is ReturnStatus.Requested or ReturnStatus.Approved)).Select(r => r.Id), open);

        var mailInRange = await ReadAllAsync(queries, new ReturnListQuery
        {
            Channel = "Mail", From = Start.AddMinutes(5), To = Start.AddMinutes(20), Text = batch.ToString("N"), Limit = 3,
        });
        Assert.Equal(
            Newest(returns.Where(r => r.Channel == ReturnChannel.Mail && r.CreatedAt >= Start.AddMinutes(5) && r.CreatedAt < Start.AddMinutes(20))).Select(r => r.Id),
            mailInRange);

        var forOrder = await ReadAllAsync(queries, new ReturnListQuery { OrderId = orderId, Limit = 5 });
        Assert.Equal(Newest(returns.Where(r => r.OrderId == orderId)).Select(r => r.Id), forOrder);

        var byRma = (await queries.ListAsync(new ReturnListQuery { Text = returns[13].RmaNumber })).Items;
        Assert.Equal(returns[13].Id, Assert.Single(byRma).Id);

        var byCustomer = await ReadAllAsync(queries, new ReturnListQuery { Text = "budi santoso", Limit = 50 });
        Assert.Equal(returns.Where(r => r.CustomerName!.StartsWith("Budi", StringComparison.Ordinal)).Select(r => r.Id).ToHashSet(),
            byCustomer.Where(ours.Contains).ToHashSet());

        // LIKE wildcards in the text are literal characters.
        Assert.Empty((await queries.ListAsync(new ReturnListQuery { Text = "%", OrderId = orderId })).Items);
    }

    private static async Task<List<Guid>> ReadAllAsync(ReturnQueries queries, ReturnListQuery query)
    {
        var ids = new List<Guid>();
        ReturnListCursor? after = null;
        for (var page = 0; page < 1000; page++)
        {
            var result = await queries.ListAsync(query with { After = after });
            Assert.True(result.Items.Count <= query.Limit);
            ids.AddRange(result.Items.Select(i => i.Id));
            if (result.Next is null)
            {
                return ids;
            }
            Assert.True(ReturnListCursor.TryDecode(result.Next, out after));
        }
        throw new InvalidOperationException("Paging did not end.");
    }

    private static ReturnDetails Return(Guid orderId, string rma, DateTimeOffset created, ReturnStatus status, string customer) => new()
    {
        Id = Guid.NewGuid(),
        RmaNumber = rma,
        OrderId = orderId,
        Channel = ReturnChannel.Mail,
        Source = ReturnSource.CustomerService,
        Status = status,
        Items = [new ReturnItem("SKU-1", 1, "size-fit")],
        Location = "WH-1",
        Currency = "IDR",
        RefundAmount = 125000.5m,
        CustomerName = customer,
        CreatedAt = created,
        UpdatedAt = created,
    };
}
