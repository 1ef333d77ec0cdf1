using Dapper;
using OrderActors.Database;

namespace OrderActors.ReadModel;

/// <summary>The duplicate candidates of an order as stored in the read model, with a summary of each other order.</summary>
public sealed class DuplicateCandidateQueries(ReadModelDatabase database)
{
    public async Task<IReadOnlyList<DuplicateCandidateView>> ForOrderAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        const string sql =
            "SELECT c.other_order_id AS OtherOrderId, c.score AS Score, c.reasons AS Reasons, c.decision AS Decision, " +
            "c.primary_order_id AS PrimaryOrderId, c.detected_at AS DetectedAt, c.decided_at AS DecidedAt, c.decided_by AS DecidedBy, " +
            "o.platform AS Platform, o.platform_order_id AS PlatformOrderId, o.customer_name AS CustomerName, o.grand_total AS GrandTotal, " +
            "o.currency AS Currency, o.order_date AS OrderDate " +
            "FROM order_duplicate_candidates c LEFT JOIN orders o ON o.id = c.other_order_id WHERE c.order_id = @id ORDER BY c.score DESC";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new { id = orderId.ToString() }, cancellationToken: cancellationToken));
        return rows.Select(r => new DuplicateCandidateView(
            SqlValues.ReadGuid(r.OtherOrderId), r.Score, r.Reasons.Split("; ", StringSplitOptions.RemoveEmptyEntries), r.Decision,
            r.PrimaryOrderId is null ? null : SqlValues.ReadGuid(r.PrimaryOrderId), SqlTime.FromDb(r.DetectedAt),
            r.DecidedAt is null ? null : SqlTime.FromDb(r.DecidedAt), r.DecidedBy,
            r.Platform, r.PlatformOrderId, r.CustomerName, r.GrandTotal is null ? null : SqlValues.ReadMoney(r.GrandTotal), r.Currency,
            r.OrderDate is null ? null : SqlTime.FromDb(r.OrderDate))).ToList();
    }

    private sealed class Row
    {
        public object OtherOrderId { get; set; } = "";
        public double Score { get; set; }
        public string Reasons { get; set; } = "";
        public string Decision { get; set; } = "";
        public object? PrimaryOrderId { get; set; }
        public object DetectedAt { get; set; } = "";
        public object? DecidedAt { get; set; }
        public string? DecidedBy { get; set; }
        public string? Platform { get; set; }
        public string? PlatformOrderId { get; set; }
        public string? CustomerName { get; set; }
        public object? GrandTotal { get; set; }
        public string? Currency { get; set; }
        public object? OrderDate { get; set; }
    }
}

public sealed record DuplicateCandidateView(
    Guid OtherOrderId,
    double Score,
    IReadOnlyList<string> Reasons,
    string Decision,
    Guid? PrimaryOrderId,
    DateTimeOffset DetectedAt,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    string? Platform,
    string? PlatformOrderId,
    string? CustomerName,
    decimal? GrandTotal,
    string? Currency,
    DateTimeOffset? OrderDate);
