using System.Globalization;
using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Returns;

namespace OrderActors.Returns;

/// <summary>Upserts a return's row (the returns queue); an older version never overwrites a newer one.</summary>
public sealed class SqlReturnProjection(ReadModelDatabase database) : IReturnProjection
{
    private const string Columns =
        "id, version, rma_number, order_id, status, channel, source, customer_name, location, refund_value, currency, created_at, updated_at";

    private const string Values =
        "@Id, @Version, @RmaNumber, @OrderId, @Status, @Channel, @Source, @CustomerName, @Location, @Value, @Currency, @CreatedAt, @UpdatedAt";

    private static readonly string[] Updated = ["status", "customer_name", "refund_value", "updated_at"];

    private static readonly string MySqlUpsert =
        $"INSERT INTO returns ({Columns}) VALUES ({Values}) ON DUPLICATE KEY UPDATE " +
        string.Join(", ", Updated.Select(c => $"{c} = IF(VALUES(version) > version, VALUES({c}), {c})")) +
        ", version = GREATEST(version, VALUES(version))";

    private static readonly string SqliteUpsert =
        $"INSERT INTO returns ({Columns}) VALUES ({Values}) ON CONFLICT(id) DO UPDATE SET " +
        string.Join(", ", Updated.Select(c => $"{c} = excluded.{c}")) +
        ", version = excluded.version WHERE excluded.version > returns.version";

    public async Task ProjectAsync(ReturnDetails details, CancellationToken cancellationToken = default)
    {
        var sqlite = database.Dialect == SqlDialect.Sqlite;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sqlite ? SqliteUpsert : MySqlUpsert, new
        {
            Id = details.Id.ToString(),
            details.Version,
            details.RmaNumber,
            OrderId = details.OrderId.ToString(),
            Status = details.Status.ToString(),
            Channel = details.Channel.ToString(),
            Source = details.Source.ToString(),
            CustomerName = details.CustomerName ?? "",
            details.Location,
            Value = sqlite ? details.RefundAmount.ToString(CultureInfo.InvariantCulture) : (object)details.RefundAmount,
            details.Currency,
            CreatedAt = SqlTime.ToDb(details.CreatedAt, database.Dialect),
            UpdatedAt = SqlTime.ToDb(details.UpdatedAt, database.Dialect),
        }, cancellationToken: cancellationToken));
    }
}
