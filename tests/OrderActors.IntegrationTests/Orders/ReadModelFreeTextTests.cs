using OrderActors.Database;
using OrderActors.Orders;
using OrderActors.ReadModel;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>
/// Free text on MariaDB and SQLite through both plans (the rarest word driving the query, and the day-by-day walk for
/// common words) and each way of combining the words (all intersected as term sets, or the rare ones intersected and the
/// common ones checked per candidate order), paged with keyset cursors: the same orders, in the same order, as a brute-force match of every
/// query word against the order's terms.
/// </summary>
public sealed class ReadModelFreeTextTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Both_plans_page_through_exactly_the_matching_orders_in_every_date_sort(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "orders_text");
        var projection = new SqlOrderProjection(database);
        var orders = SyntheticOrders.Generate(2500, seed: 21, Start, TimeSpan.FromDays(9)).ToList();
        foreach (var batch in orders.Chunk(500))
        {
            await projection.ProjectManyAsync(batch);
        }
        // A renamed customer and a moved order date: the terms follow the order, the old ones are gone.
        var moved = orders[17] with { Version = 2, Customer = orders[17].Customer with { Name = "Quenby Marlowe" }, OrderDate = Start.AddDays(12) };
        await projection.ProjectAsync(moved);
        orders[17] = moved;

        var byDay = new OrderQueries(database, rareWordTerms: 0);
        var byRarestWord = new OrderQueries(database, rareWordTerms: int.MaxValue);
        // Between the two: some words of a query rare (intersected as sets), others common (checked per candidate).
        var mixed = new OrderQueries(database, rareWordTerms: 40);
        var queries = new[]
        {
            new OrderListQuery { Text = "siti rah" },
            new OrderListQuery { Text = "tan", Platform = "Shopee" },
            new OrderListQuery { Text = "SKU-0042" },
            new OrderListQuery { Text = "sku 01", From = Start.AddDays(2).AddHours(5), To = Start.AddDays(6).AddHours(1) },
            new OrderListQuery { Text = orders[123].PlatformOrderId },
            new OrderListQuery { Text = "quenby marl" },
            // Two rare words (an order id, a SKU) and a common one (a first name): sets and a per-order check together.
            new OrderListQuery { Text = $"{orders[321].PlatformOrderId} {orders[321].Items[0].Sku} {orders[321].Customer.Name.Split(' ')[0]}" },
            new OrderListQuery { Text = "nobodyhasthisname" },
        };
        foreach (var query in queries)
        {
            foreach (var sort in new[] { OrderSort.Default, OrderSort.Parse("orderDate")!, OrderSort.Parse("-grandTotal")! })
            {
                var q = query with { Sort = sort, Limit = 17 };
                var expected = Expected(orders, q);
                Assert.Equal(expected, await ReadAllPagesAsync(byDay, q));
                Assert.Equal(expected, await ReadAllPagesAsync(byRarestWord, q));
                Assert.Equal(expected, await ReadAllPagesAsync(mixed, q));
                Assert.Equal(expected, await ReadAllPagesAsync(new OrderQueries(database), q));
            }
        }
        Assert.Equal([moved.Id], await ReadAllPagesAsync(byDay, new OrderListQuery { Text = "quenby" }));
    }

    private static List<Guid> Expected(IEnumerable<OrderDetails> orders, OrderListQuery q)
    {
        var words = SearchTerms.ForQuery(q.Text);
        var matching = orders.Where(o =>
            (q.Platform is null || o.Platform.ToString() == q.Platform)
            && (q.From is null || o.OrderDate >= q.From) && (q.To is null || o.OrderDate < q.To)
            && words.All(w => SearchTerms.For(o).Any(t => t.StartsWith(w, StringComparison.Ordinal))));
        Func<OrderDetails, IComparable> key = q.Sort.IsMoney ? o => o.Totals.GrandTotal : o => o.OrderDate;
        return (q.Sort.Descending
                ? matching.OrderByDescending(key).ThenByDescending(o => o.Id.ToString(), StringComparer.Ordinal)
                : matching.OrderBy(key).ThenBy(o => o.Id.ToString(), StringComparer.Ordinal))
            .Select(o => o.Id).ToList();
    }

    private static async Task<List<Guid>> ReadAllPagesAsync(OrderQueries queries, OrderListQuery query)
    {
        var ids = new List<Guid>();
        string? after = null;
        for (var page = 0; page < 1000; page++)
        {
            var result = await queries.ListAsync(query with { After = after });
            Assert.True(result.Items.Count <= query.Limit);
            ids.AddRange(result.Items.Select(i => i.Id));
            if (result.Next is null)
            {
                return ids;
            }
            after = result.Next;
        }
        throw new InvalidOperationException("Paging did not end.");
    }
}
