using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Orders.Duplicates;
using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>Looks up orders with the same normalized phone or email inside the time window, then scores each.</summary>
public sealed class SqlDuplicateFinder(ReadModelDatabase database) : IDuplicateFinder
{
    private const int MaxCandidates = 50;

    public async Task<IReadOnlyList<DuplicateMatch>> FindAsync(OrderDetails order, CancellationToken cancellationToken = default)
    {
        var probe = DuplicateProbe.From(order);
        var contact = new List<string>();
        if (probe.PhoneKey is not null)
        {
            contact.Add("phone_key = @phone");
        }
        if (probe.EmailKey is not null)
        {
            contact.Add("email_key = @email");
        }
        if (contact.Count == 0)
        {
            return [];
        }
        var dialect = database.Dialect;
        var sql =
            "SELECT id AS Id, platform AS Platform, account_id AS AccountId, phone_key AS PhoneKey, email_key AS EmailKey, " +
            "item_signature AS ItemSignature, grand_total AS GrandTotal, currency AS Currency, order_date AS OrderDate FROM orders " +
            $"WHERE ({string.Join(" OR ", contact)}) AND order_date >= @from AND order_date <= @to AND id <> @id LIMIT {MaxCandidates}";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CandidateRow>(new CommandDefinition(sql, new
        {
            phone = probe.PhoneKey,
            email = probe.EmailKey,
            from = SqlTime.ToDb(order.OrderDate - DuplicateScorer.Window, dialect),
            to = SqlTime.ToDb(order.OrderDate + DuplicateScorer.Window, dialect),
            id = order.Id.ToString(),
        }, cancellationToken: cancellationToken));

        var matches = new List<DuplicateMatch>();
        foreach (var row in rows)
        {
            var other = new DuplicateProbe(SqlValues.ReadGuid(row.Id), Enum.Parse<SourcePlatform>(row.Platform), row.AccountId, row.PhoneKey, row.EmailKey,
                row.ItemSignature, SqlValues.ReadMoney(row.GrandTotal), row.Currency, SqlTime.FromDb(row.OrderDate));
            if (DuplicateScorer.Score(probe, other) is { } scored)
            {
                matches.Add(new DuplicateMatch(other.Id, scored.Score, scored.Reasons));
            }
        }
        return matches;
    }

    private sealed class CandidateRow
    {
        public object Id { get; set; } = "";
        public string Platform { get; set; } = "";
        public string AccountId { get; set; } = "";
        public string? PhoneKey { get; set; }
        public string? EmailKey { get; set; }
        public string ItemSignature { get; set; } = "";
        public object GrandTotal { get; set; } = 0m;
        public string Currency { get; set; } = "";
        public object OrderDate { get; set; } = "";
    }
}
