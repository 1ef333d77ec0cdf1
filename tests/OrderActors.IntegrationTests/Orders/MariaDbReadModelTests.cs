using Dapper;
using OrderActors.Orders;
using OrderActors.ReadModel;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>Filters, sorts, keyset paging, free text, statistics and versioned projection against a real MariaDB.</summary>
public sealed class MariaDbReadModelTests(MariaDbReadModelFixture db) : IClassFixture<MariaDbReadModelFixture>
{
    [Fact]
    public async Task Platform_status_and_date_range_pages_follow_the_newest_first_order_without_gaps_or_repeats()
    {
        var from = MariaDbReadModelFixture.Start.AddDays(2);
        var to = MariaDbReadModelFixture.Start.AddDays(7);
        var query = new OrderListQuery { Platform = "Shopee", Status = "Shipped", From = from, To = to, Limit = 17 };

        var pages = await ReadAllPagesAsync(query);

        var expected = db.Orders
            .Where(o => o.Platform == SourcePlatform.Shopee && o.Status == OrderStatus.Shipped && o.OrderDate >= from && o.OrderDate < to)
            .OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.Id.ToString(), StringComparer.Ordinal)
            .Select(o => o.Id).ToList();
        Assert.True(expected.Count > 50, $"fixture should give several pages, got {expected.Count}");
        Assert.Equal(expected, pages);
    }

    [Theory]
    [InlineData("-orderDate")]
    [InlineData("orderDate")]
    [InlineData("-grandTotal")]
    [InlineData("grandTotal")]
    [InlineData("-updatedAt")]
    public async Task Every_sort_pages_through_an_account_in_order(string sortName)
    {
        var sort = OrderSort.Parse(sortName)!;
        var pages = await ReadAllPagesAsync(new OrderListQuery { Account = "lazada-2", Sort = sort, Limit = 50 });

        var matching = db.Orders.Where(o => o.AccountId == "lazada-2");
        Func<OrderDetails, IComparable> key = sort.Column switch
        {
            "grand_total" => o => o.Totals.GrandTotal,
            "updated_at" => o => o.UpdatedAt,
            _ => o => o.OrderDate,
        };
        var expected = (sort.Descending
                ? matching.OrderByDescending(key).ThenByDescending(o => o.Id.ToString(), StringComparer.Ordinal)
                : matching.OrderBy(key).ThenBy(o => o.Id.ToString(), StringComparer.Ordinal))
            .Select(o => o.Id).ToList();
        Assert.Equal(expected, pages);
    }

    [Fact]
    public async Task Workflow_status_filter_and_free_text_match_the_expected_orders()
    {
        var withWorkflow = await ReadAllPagesAsync(new OrderListQuery { WorkflowStatus = "Packed", Limit = 500 });
        Assert.Equal(db.Orders.Where(o => o.WorkflowStatus == WorkflowStatus.Packed).Select(o => o.Id).ToHashSet(), withWorkflow.ToHashSet());

        foreach (var text in new[] { "siti rah", "SKU-0042", "tan", db.Orders[123].PlatformOrderId })
        {
            var words = SearchTerms.ForQuery(text);
            var expected = db.Orders.Where(o => words.All(w => SearchTerms.For(o).Any(t => t.StartsWith(w, StringComparison.Ordinal)))).Select(o => o.Id).ToHashSet();
            var found = await ReadAllPagesAsync(new OrderListQuery { Text = text, Limit = 500 });
            Assert.True(expected.Count > 0, text);
            Assert.Equal(expected, found.ToHashSet());
        }
    }

    [Fact]
    public async Task Statistics_add_up_to_the_orders_and_revenue_excludes_cancelled_ones()
    {
        var from = MariaDbReadModelFixture.Start.AddDays(1);
        var to = MariaDbReadModelFixture.Start.AddDays(4);

        var stats = await db.Statistics.GetAsync(from, to, platform: null);

        var inRange = db.Orders.Where(o => o.OrderDate >= from && o.OrderDate < to).ToList();
        Assert.Equal(inRange.Count, stats.TotalOrders);
        Assert.All(stats.ByStatusAndPlatform, cell =>
            Assert.Equal(inRange.Count(o => o.Platform.ToString() == cell.Platform && o.Status.ToString() == cell.Status), cell.Count));
        Assert.All(stats.RevenueByDay, day => Assert.Equal(
            inRange.Where(o => DateOnly.FromDateTime(o.OrderDate.UtcDateTime) == day.Day && o.Currency == day.Currency
                               && o.Status is not (OrderStatus.Cancelled or OrderStatus.Returned or OrderStatus.Refunded)).Sum(o => o.Totals.GrandTotal),
            day.Revenue));
        Assert.Equal(3 * 3, stats.RevenueByDay.Count);
        Assert.Equal(3 * 24, stats.OrdersPerHour.Count);
    }

    [Fact]
    public async Task An_older_version_never_overwrites_a_newer_one_in_any_table()
    {
        var original = SyntheticOrders.Generate(1, seed: 99, MariaDbReadModelFixture.Start.AddDays(20), TimeSpan.FromHours(1)).Single();
        var newer = original with
        {
            Version = 3,
            Status = OrderStatus.Cancelled,
            Customer = original.Customer with { Name = "Zed Quorra" },
            Items = [new OrderItem("NEWER-SKU", "Newer", null, 1, 1m, 0)],
            Totals = new OrderTotals(1m, 0, 0, 0, 1m),
            History = [.. original.History, new OrderHistoryEntry("status", original.Status.ToString(), "Cancelled", original.History[0].Actor, "buyer", original.OrderDate.AddHours(1))],
        };
        var older = original with { Version = 2, Customer = original.Customer with { Name = "Old Name" } };

        await db.Projection.ProjectAsync(original);
        await db.Projection.ProjectAsync(newer);
        await db.Projection.ProjectAsync(older);
        await db.Projection.ProjectAsync(newer);

        await using var connection = await db.Database.OpenAsync();
        var id = new { id = original.Id.ToString() };
        Assert.Equal(("Zed Quorra", "Cancelled", 3L), await connection.QuerySingleAsync<(string, string, long)>("SELECT customer_name, status, version FROM orders WHERE id = @id", id));
        Assert.Equal(["NEWER-SKU"], await connection.QueryAsync<string>("SELECT sku FROM order_items WHERE order_id = @id", id));
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM order_status_history WHERE order_id = @id", id));
        Assert.Equal([original.Id], await ReadAllPagesAsync(new OrderListQuery { Text = "zed quorra", Limit = 10 }));
        Assert.Empty(await ReadAllPagesAsync(new OrderListQuery { Text = "old name", Limit = 10 }));
        var hourStats = await db.Statistics.GetAsync(original.OrderDate.AddHours(-1), original.OrderDate.AddHours(1), original.Platform.ToString());
        Assert.Equal(1, hourStats.TotalOrders);
        Assert.Equal("Cancelled", Assert.Single(hourStats.ByStatusAndPlatform).Status);
    }

    private async Task<List<Guid>> ReadAllPagesAsync(OrderListQuery query)
    {
        var ids = new List<Guid>();
        string? after = null;
        for (var page = 0; page < 10_000; page++)
        {
            var result = await db.Queries.ListAsync(query with { After = after });
            ids.AddRange(result.Items.Select(i => i.Id));
            Assert.True(result.Items.Count <= query.Limit);
            if (result.Next is null)
            {
                return ids;
            }
            after = result.Next;
        }
        throw new InvalidOperationException("Paging did not end.");
    }
}
