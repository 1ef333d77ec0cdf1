using System.Runtime.CompilerServices;
using Dapper;
using OrderActors.Database;

namespace OrderActors.ReadModel;

/// <summary>
/// Order lists from the read model: filters, free text through the search-term table, sort, keyset paging
/// (predicates expanded, never row constructors, so MariaDB uses an index range), and a streamed export.
/// </summary>
public sealed class OrderQueries(ReadModelDatabase database)
{
    public const int MaxLimit = 500;

    private const string SelectColumns =
        "SELECT id AS Id, platform AS Platform, account_id AS AccountId, platform_order_id AS PlatformOrderId, status AS Status, " +
        "workflow_status AS WorkflowStatus, sync_status AS SyncStatus, customer_name AS CustomerName, currency AS Currency, " +
        "grand_total AS GrandTotal, item_count AS ItemCount, order_date AS OrderDate, updated_at AS UpdatedAt FROM orders";

    public async Task<OrderListPage> ListAsync(OrderListQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var (sql, parameters) = Build(query, withCursor: true);
        parameters.Add("take", limit + 1);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<SummaryRow>(new CommandDefinition(sql + " LIMIT @take", parameters, cancellationToken: cancellationToken))).ToList();
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
        var (sql, parameters) = Build(query, withCursor: false);
        await using var connection = await database.OpenAsync(cancellationToken);
        await foreach (var row in connection.QueryUnbufferedAsync<SummaryRow>(sql, parameters).WithCancellation(cancellationToken))
        {
            yield return row.ToSummary();
        }
    }

    private (string Sql, DynamicParameters Parameters) Build(OrderListQuery query, bool withCursor)
    {
        var dialect = database.Dialect;
        var where = new List<string>();
        var parameters = new DynamicParameters();
        void Equal(string column, string name, string? value)
        {
            if (value is not null)
            {
                where.Add($"{column} = @{name}");
                parameters.Add(name, value);
            }
        }
        Equal("platform", "platform", query.Platform);
        Equal("account_id", "account", query.Account);
        Equal("status", "status", query.Status);
        Equal("workflow_status", "workflowStatus", query.WorkflowStatus);
        if (query.From is { } from)
        {
            where.Add("order_date >= @from");
            parameters.Add("from", SqlTime.ToDb(from, dialect));
        }
        if (query.To is { } to)
        {
            where.Add("order_date < @to");
            parameters.Add("to", SqlTime.ToDb(to, dialect));
        }
        var words = SearchTerms.ForQuery(query.Text);
        for (var i = 0; i < words.Count; i++)
        {
            // A prefix range on the term table's primary key: an index seek, not a scan of the orders.
            where.Add($"id IN (SELECT order_id FROM order_search_terms WHERE term >= @term{i} AND term < @termEnd{i})");
            parameters.Add($"term{i}", words[i]);
            parameters.Add($"termEnd{i}", SearchTerms.UpperBound(words[i]));
        }

        var sort = query.Sort;
        var key = sort.IsMoney && dialect == SqlDialect.Sqlite ? $"CAST({sort.Column} AS REAL)" : sort.Column;
        if (withCursor && OrderListCursor.TryDecode(query.After, out var cursor) && cursor is not null && cursor.Sort == sort.Name)
        {
            // Expanded rather than a row constructor: MariaDB only uses the index range for this form.
            var op = sort.Descending ? "<" : ">";
            where.Add($"({key} {op} @afterKey OR ({key} = @afterKey AND id {op} @afterId))");
            parameters.Add("afterKey", sort.IsMoney
                ? (dialect == SqlDialect.Sqlite ? (object)(double)cursor.MoneyKey : cursor.MoneyKey)
                : SqlTime.ToDb(cursor.DateKey, dialect));
            parameters.Add("afterId", cursor.Id.ToString());
        }
        var direction = sort.Descending ? "DESC" : "ASC";
        var sql = SelectColumns + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") +
                  $" ORDER BY {key} {direction}, id {direction}";
        return (sql, parameters);
    }

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
