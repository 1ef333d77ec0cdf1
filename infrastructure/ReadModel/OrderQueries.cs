using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using OrderActors.Database;

namespace OrderActors.ReadModel;

/// <summary>
/// Order lists from the read model: filters, free text through the search-term table, sort, keyset paging
/// (predicates expanded, never row constructors, so MariaDB uses an index range), and a streamed export.
/// </summary>
/// <remarks>
/// Free text is driven by its rarest word. A word with few terms (an order id, a SKU) drives the whole query from
/// its prefix range. When every word is common (a customer's full name), a date-sorted list instead walks the
/// search terms day by day from the newest end, in windows of 1, 2, 4... days, and stops once the page is full:
/// the cost follows the page, not the number of matching orders.
/// </remarks>
public sealed class OrderQueries(ReadModelDatabase database, int rareWordTerms = OrderQueries.RareWordTerms)
{
    public const int MaxLimit = 500;

    /// <summary>By default, a word whose prefix range holds at most this many terms drives a free-text query on its own.</summary>
    public const int RareWordTerms = 500;

    private const int MaxWindowDays = 128;

    /// <summary>The covering index of platform + status lists by date (migration 0104).</summary>
    public const string PlatformStatusDateListIndex = "ix_orders_platform_status_date_list";

    private const string Columns =
        "SELECT id AS Id, platform AS Platform, account_id AS AccountId, platform_order_id AS PlatformOrderId, status AS Status, " +
        "workflow_status AS WorkflowStatus, sync_status AS SyncStatus, customer_name AS CustomerName, currency AS Currency, " +
        "grand_total AS GrandTotal, item_count AS ItemCount, order_date AS OrderDate, updated_at AS UpdatedAt";

    public async Task<OrderListPage> ListAsync(OrderListQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        await using var connection = await database.OpenForReadsAsync(cancellationToken);
        var rows = await ReadAsync(connection, query, limit + 1, cancellationToken);
        var items = rows.Take(limit).Select(r => r.ToSummary()).ToList();
        string? next = null;
        if (rows.Count > limit)
        {
            var last = items[^1];
            var sort = query.Sort;
            next = (sort.IsMoney
                ? OrderListCursor.ForMoney(sort, last.GrandTotal, last.Id)
                : OrderListCursor.ForDate(sort, sort.Column == "updated_at" ? last.UpdatedAt : last.OrderDate, last.Id)).Encode();
        }
        return new OrderListPage(items, next);
    }

    /// <summary>Every order matching the filters, in sort order, read row by row from an unbuffered reader.</summary>
    public async IAsyncEnumerable<OrderSummary> StreamAsync(OrderListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (sql, parameters) = Build(query, SearchTerms.ForQuery(query.Text), setWords: 1, withCursor: false, days: null);
        await using var connection = await database.OpenForReadsAsync(cancellationToken);
        await foreach (var row in connection.QueryUnbufferedAsync<SummaryRow>(sql, parameters).WithCancellation(cancellationToken))
        {
            yield return row.ToSummary();
        }
    }

    private async Task<List<SummaryRow>> ReadAsync(DbConnection connection, OrderListQuery query, int take, CancellationToken ct)
    {
        var words = SearchTerms.ForQuery(query.Text);
        if (words.Count > 0)
        {
            var sizes = new List<(string Word, long Terms)>();
            foreach (var word in words)
            {
                sizes.Add((word, await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    $"SELECT COUNT(*) FROM (SELECT 1 FROM order_search_terms WHERE term >= @term AND term < @termEnd LIMIT {(long)rareWordTerms + 1}) c",
                    new { term = word, termEnd = SearchTerms.UpperBound(word) }, cancellationToken: ct))));
            }
            if (sizes.Any(s => s.Terms == 0))
            {
                return [];
            }
            words = sizes.OrderBy(s => s.Terms).Select(s => s.Word).ToList();
            if (sizes.Min(s => s.Terms) > rareWordTerms && query.Sort.Column == "order_date")
            {
                return await ReadByDayWindowsAsync(connection, query, words, take, ct);
            }
            // Rare words (the rarest first) are intersected as whole prefix ranges; a common one is checked per order.
            return await QueryPageAsync(connection, query, words, sizes.Count(s => s.Terms <= rareWordTerms), null, take, ct);
        }
        return await QueryPageAsync(connection, query, words, 0, null, take, ct);
    }

    private async Task<List<SummaryRow>> ReadByDayWindowsAsync(DbConnection connection, OrderListQuery query, IReadOnlyList<string> words, int take, CancellationToken ct)
    {
        var bounds = await connection.QuerySingleAsync<(object? First, object? Last)>(new CommandDefinition(
            "SELECT (SELECT MIN(order_date) FROM orders), (SELECT MAX(order_date) FROM orders)", cancellationToken: ct));
        if (bounds.First is null or DBNull || bounds.Last is null or DBNull)
        {
            return [];
        }
        var sort = query.Sort;
        var cursorDate = OrderListCursor.TryDecode(query.After, out var cursor) && cursor!.Sort == sort.Name ? cursor.DateKey : (DateTimeOffset?)null;
        var low = Max(SqlTime.FromDb(bounds.First!), query.From, sort.Descending ? null : cursorDate);
        var high = Min(SqlTime.FromDb(bounds.Last!).AddTicks(1), query.To, sort.Descending ? cursorDate?.AddTicks(1) : null);
        var firstDay = OrderDay.Of(low);
        var endDay = OrderDay.Of(high.AddTicks(-1)).AddDays(1);
        var rows = new List<SummaryRow>();
        var windowDays = 1;
        while (firstDay < endDay && rows.Count < take)
        {
            DateTime from, to;
            if (sort.Descending)
            {
                from = endDay.AddDays(-windowDays) < firstDay ? firstDay : endDay.AddDays(-windowDays);
                to = endDay;
                endDay = from;
            }
            else
            {
                from = firstDay;
                to = firstDay.AddDays(windowDays) > endDay ? endDay : firstDay.AddDays(windowDays);
                firstDay = to;
            }
            // Within a day window every word's range is small: all of them are intersected.
            rows.AddRange(await QueryPageAsync(connection, query, words, words.Count, (from, to), take - rows.Count, ct));
            windowDays = Math.Min(windowDays * 2, MaxWindowDays);
        }
        return rows;
    }

    private async Task<List<SummaryRow>> QueryPageAsync(
        DbConnection connection, OrderListQuery query, IReadOnlyList<string> words, int setWords, (DateTime From, DateTime To)? days, int take, CancellationToken ct)
    {
        var (sql, parameters) = Build(query, words, setWords, withCursor: true, days);
        parameters.Add("take", take);
        return (await connection.QueryAsync<SummaryRow>(new CommandDefinition(sql + " LIMIT @take", parameters, cancellationToken: ct))).ToList();
    }

    /// <summary>The statement of a page without free text, as <see cref="ListAsync"/> runs it (for plan tests).</summary>
    internal (string Sql, DynamicParameters Parameters) PageCommand(OrderListQuery query)
    {
        var (sql, parameters) = Build(query, [], setWords: 0, withCursor: true, days: null);
        parameters.Add("take", Math.Clamp(query.Limit, 1, MaxLimit) + 1);
        return (sql + " LIMIT @take", parameters);
    }

    /// <param name="setWords">
    /// How many of the leading words are read as sets of order ids (their prefix ranges, of the day window when there is
    /// one) and intersected inside the term index before any order row is read; the first word always drives. The
    /// others are checked per candidate order through the term index on order_id.
    /// </param>
    private (string Sql, DynamicParameters Parameters) Build(
        OrderListQuery query, IReadOnlyList<string> words, int setWords, bool withCursor, (DateTime From, DateTime To)? days)
    {
        var dialect = database.Dialect;
        var where = new List<string>();
        var parameters = new DynamicParameters();
        void Equal(string column, string name, string? value)
        {
            if (value is not null)
            {
                where.Add($"orders.{column} = @{name}");
                parameters.Add(name, value);
            }
        }
        Equal("platform", "platform", query.Platform);
        Equal("account_id", "account", query.Account);
        Equal("status", "status", query.Status);
        Equal("workflow_status", "workflowStatus", query.WorkflowStatus);
        if (query.From is { } from)
        {
            where.Add("orders.order_date >= @from");
            parameters.Add("from", SqlTime.ToDb(from, dialect));
        }
        if (query.To is { } to)
        {
            where.Add("orders.order_date < @to");
            parameters.Add("to", SqlTime.ToDb(to, dialect));
        }

        var sort = query.Sort;
        var source = " FROM orders";
        if (dialect == SqlDialect.MySql && words.Count == 0 && query.Platform is not null && query.Status is not null && query.Account is null
            && sort.Column == "order_date")
        {
            // Every filter and every column of the page is in this index, so it answers the page alone. Named, so that
            // the optimizer neither weighs the five other indexes on these columns nor trades it for the date index on
            // an ORDER BY ... LIMIT estimate.
            source = $" FROM orders FORCE INDEX ({PlatformStatusDateListIndex})";
        }
        if (words.Count > 0)
        {
            // Only orders that have a term for every word are joined to the orders: the words are intersected inside
            // the term table first (a full name's two common words match ~700 orders a day each, ~20 both).
            for (var i = 0; i < words.Count; i++)
            {
                parameters.Add($"term{i}", words[i]);
                parameters.Add($"termEnd{i}", SearchTerms.UpperBound(words[i]));
            }
            var dayParameters = new List<string>();
            if (days is { } window)
            {
                for (var (day, n) = (window.From, 0); day < window.To; day = day.AddDays(1), n++)
                {
                    parameters.Add($"day{n}", OrderDay.ToDb(day, dialect));
                    dayParameters.Add($"@day{n}");
                }
                where.Add("orders.order_date >= @windowFrom AND orders.order_date < @windowTo");
                parameters.Add("windowFrom", SqlTime.ToDb(window.From, dialect));
                parameters.Add("windowTo", SqlTime.ToDb(window.To, dialect));
            }
            // A word's set: the distinct orders of its prefix range, read from the index (order_day, term) or the primary
            // key (term, order_id) alone. DISTINCT keeps it a derived table of its own, which MariaDB materializes and
            // indexes on order_id, so intersecting two sets of a few hundred ids costs about a millisecond.
            string Set(int i) =>
                $"(SELECT DISTINCT t{i}.order_id FROM order_search_terms t{i} WHERE " +
                (dayParameters.Count > 0 ? $"t{i}.order_day IN ({string.Join(", ", dayParameters)}) AND " : "") +
                $"t{i}.term >= @term{i} AND t{i}.term < @termEnd{i})";
            // The rest is probed per candidate through the index on order_id (it holds the term too: index only).
            var probes = new System.Text.StringBuilder();
            for (var i = Math.Max(setWords, 1); i < words.Count; i++)
            {
                probes.Append(probes.Length == 0 ? " WHERE " : " AND ");
                probes.Append($"EXISTS (SELECT 1 FROM order_search_terms s{i} WHERE s{i}.order_id = matched.order_id AND s{i}.term >= @term{i} AND s{i}.term < @termEnd{i})");
            }
            var join = dialect == SqlDialect.MySql ? "STRAIGHT_JOIN" : "CROSS JOIN";
            var sets = new System.Text.StringBuilder($"{Set(0)} matched");
            for (var i = 1; i < Math.Min(setWords, words.Count); i++)
            {
                sets.Append($" {join} {Set(i)} w{i} ON w{i}.order_id = matched.order_id");
            }
            source = probes.Length == 0
                ? $" FROM {sets} {join} orders ON orders.id = matched.order_id"
                : $" FROM (SELECT matched.order_id FROM {sets}{probes}) candidates {join} orders ON orders.id = candidates.order_id";
        }

        var key = sort.IsMoney && dialect == SqlDialect.Sqlite ? $"CAST(orders.{sort.Column} AS REAL)" : $"orders.{sort.Column}";
        if (withCursor && OrderListCursor.TryDecode(query.After, out var cursor) && cursor is not null && cursor.Sort == sort.Name)
        {
            // Expanded rather than a row constructor: MariaDB only uses the index range for this form.
            var op = sort.Descending ? "<" : ">";
            where.Add($"({key} {op} @afterKey OR ({key} = @afterKey AND orders.id {op} @afterId))");
            parameters.Add("afterKey", sort.IsMoney
                ? (dialect == SqlDialect.Sqlite ? (object)(double)cursor.MoneyKey : cursor.MoneyKey)
                : SqlTime.ToDb(cursor.DateKey, dialect));
            parameters.Add("afterId", cursor.Id.ToString());
        }
        var direction = sort.Descending ? "DESC" : "ASC";
        var sql = Columns + source + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                  $" ORDER BY {key} {direction}, orders.id {direction}";
        return (sql, parameters);
    }

    private static DateTimeOffset Max(DateTimeOffset value, params DateTimeOffset?[] others) =>
        others.Aggregate(value, (m, o) => o is { } v && v > m ? v : m);

    private static DateTimeOffset Min(DateTimeOffset value, params DateTimeOffset?[] others) =>
        others.Aggregate(value, (m, o) => o is { } v && v < m ? v : m);

    private sealed class SummaryRow
    {
        public object Id { get; set; } = "";
        public string Platform { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string PlatformOrderId { get; set; } = "";
        public string Status { get; set; } = "";
        public string WorkflowStatus { get; set; } = "";
        public string SyncStatus { get; set; } = "";
        public string CustomerName { get; set; } = "";
        public string Currency { get; set; } = "";
        public object GrandTotal { get; set; } = 0m;
        public long ItemCount { get; set; }
        public object OrderDate { get; set; } = "";
        public object UpdatedAt { get; set; } = "";

        public OrderSummary ToSummary() => new(
            SqlValues.ReadGuid(Id), Platform, AccountId, PlatformOrderId, Status, WorkflowStatus, SyncStatus, CustomerName, Currency,
            SqlValues.ReadMoney(GrandTotal), (int)ItemCount, SqlTime.FromDb(OrderDate), SqlTime.FromDb(UpdatedAt));
    }
}
