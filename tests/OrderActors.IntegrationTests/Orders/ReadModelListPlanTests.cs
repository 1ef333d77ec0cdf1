using System.Text.Json;
using Dapper;
using OrderActors.ReadModel;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>
/// What a platform + status + date list costs MariaDB: one index range over the covering index, a page's worth of
/// index entries and no row lookups, for the first page and for a keyset page deep in the range.
/// </summary>
public sealed class ReadModelListPlanTests(MariaDbReadModelFixture db) : IClassFixture<MariaDbReadModelFixture>
{
    private static OrderListQuery FirstPage => new()
    {
        Platform = "Shopee",
        Status = "Shipped",
        From = MariaDbReadModelFixture.Start.AddDays(1),
        To = MariaDbReadModelFixture.Start.AddDays(8),
        Limit = 20,
    };

    private async Task<OrderListQuery> DeepPageAsync()
    {
        var first = await db.Queries.ListAsync(FirstPage with { Limit = 60 });
        Assert.NotNull(first.Next);
        return FirstPage with { After = first.Next };
    }

    [Fact]
    public async Task First_and_deep_pages_are_answered_from_the_covering_index_alone()
    {
        foreach (var query in new[] { FirstPage, await DeepPageAsync() })
        {
            var (sql, parameters) = db.Queries.PageCommand(query);
            await using var connection = await db.Database.OpenAsync();
            var plan = JsonDocument.Parse(await connection.ExecuteScalarAsync<string>("EXPLAIN FORMAT=JSON " + sql, parameters) ?? "{}");
            var table = plan.RootElement.GetProperty("query_block").GetProperty("nested_loop")[0].GetProperty("table");

            Assert.Equal(OrderQueries.PlatformStatusDateListIndex, table.GetProperty("key").GetString());
            Assert.Equal("range", table.GetProperty("access_type").GetString());
            Assert.True(table.TryGetProperty("using_index", out var usingIndex) && usingIndex.GetBoolean(), "every column of the page should come from the index: " + table);
        }
    }

    [Fact]
    public async Task A_page_reads_one_index_entry_per_row_it_returns()
    {
        foreach (var query in new[] { FirstPage, await DeepPageAsync() })
        {
            var (sql, parameters) = db.Queries.PageCommand(query);
            await using var connection = await db.Database.OpenAsync();
            await connection.ExecuteAsync("FLUSH STATUS");
            var rows = (await connection.QueryAsync(sql, parameters)).Count();
            var handler = (await connection.QueryAsync<(string Name, string Value)>("SHOW SESSION STATUS LIKE 'Handler_read%'"))
                .ToDictionary(r => r.Name, r => long.Parse(r.Value));

            Assert.Equal(query.Limit + 1, rows);
            // One positioning per range (two for a keyset page: the cursor splits the date range), then one step per row.
            Assert.InRange(handler["Handler_read_key"], 1, 2);
            Assert.Equal(rows - 1, handler["Handler_read_prev"] + handler["Handler_read_next"]);
            Assert.Equal(0, handler["Handler_read_rnd"] + handler["Handler_read_rnd_next"]);
        }
    }

    [Fact]
    public async Task The_forced_index_gives_the_same_pages_as_the_optimizer_without_it()
    {
        foreach (var query in new[] { FirstPage, await DeepPageAsync(), FirstPage with { WorkflowStatus = "New" }, FirstPage with { From = null, To = null } })
        {
            var (sql, parameters) = db.Queries.PageCommand(query);
            Assert.Contains($"FORCE INDEX ({OrderQueries.PlatformStatusDateListIndex})", sql, StringComparison.Ordinal);
            await using var connection = await db.Database.OpenAsync();
            var forced = (await connection.QueryAsync<Guid>(sql, parameters)).ToList();
            var free = (await connection.QueryAsync<Guid>(sql.Replace($"FORCE INDEX ({OrderQueries.PlatformStatusDateListIndex})", "", StringComparison.Ordinal), parameters)).ToList();
            Assert.Equal(free, forced);
        }
    }

    [Fact]
    public async Task Reads_come_from_a_pool_that_skips_the_session_reset_while_other_connections_are_reset()
    {
        // The reads pool hands out a pooled session as it is: only statements that leave no session state may use it.
        await using (var reads = await db.Database.OpenForReadsAsync())
        {
            await reads.ExecuteAsync("SET SESSION group_concat_max_len = 12345");
        }
        await using (var reads = await db.Database.OpenForReadsAsync())
        {
            Assert.Equal(12345L, await reads.ExecuteScalarAsync<long>("SELECT @@SESSION.group_concat_max_len"));
            await reads.ExecuteAsync("SET SESSION group_concat_max_len = DEFAULT");
        }

        await using (var other = await db.Database.OpenAsync())
        {
            await other.ExecuteAsync("SET SESSION group_concat_max_len = 12345");
        }
        await using (var other = await db.Database.OpenAsync())
        {
            Assert.NotEqual(12345L, await other.ExecuteScalarAsync<long>("SELECT @@SESSION.group_concat_max_len"));
        }
    }
}
