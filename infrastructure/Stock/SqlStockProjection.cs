using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Stock;
using OrderActors.Stock;

namespace OrderActors.Stock;

/// <summary>Inserts movements once each (key: SKU, location, sequence) and keeps the level row at the newest version.</summary>
public sealed class SqlStockProjection(ReadModelDatabase database) : IStockProjection
{
    public async Task ProjectAsync(StockLevel level, IReadOnlyList<StockMovement> movements, CancellationToken cancellationToken = default)
    {
        var mysql = database.Dialect == SqlDialect.MySql;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var m in movements)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"{(mysql ? "INSERT IGNORE INTO" : "INSERT OR IGNORE INTO")} stock_movements " +
                "(sku, location, sequence_no, on_hand_delta, reserved_delta, reason, reference, on_hand_after, reserved_after, actor, at) " +
                "VALUES (@Sku, @Location, @Sequence, @OnHandDelta, @ReservedDelta, @Reason, @Reference, @OnHandAfter, @ReservedAfter, @Actor, @At)",
                new
                {
                    level.Sku, level.Location, m.Sequence, m.OnHandDelta, m.ReservedDelta, m.Reason, m.Reference, m.OnHandAfter, m.ReservedAfter,
                    Actor = m.Actor.ToString(), At = SqlTime.ToDb(m.At, database.Dialect),
                }, transaction, cancellationToken: cancellationToken));
        }
        var upsert = mysql
            ? "INSERT INTO stock_levels (sku, location, version, on_hand, reserved, updated_at) VALUES (@Sku, @Location, @Version, @OnHand, @Reserved, @Now) " +
              "ON DUPLICATE KEY UPDATE on_hand = IF(VALUES(version) > version, VALUES(on_hand), on_hand), reserved = IF(VALUES(version) > version, VALUES(reserved), reserved), " +
              "updated_at = IF(VALUES(version) > version, VALUES(updated_at), updated_at), version = GREATEST(version, VALUES(version))"
            : "INSERT INTO stock_levels (sku, location, version, on_hand, reserved, updated_at) VALUES (@Sku, @Location, @Version, @OnHand, @Reserved, @Now) " +
              "ON CONFLICT(sku, location) DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved, updated_at = excluded.updated_at, version = excluded.version " +
              "WHERE excluded.version > stock_levels.version";
        var at = movements.Count > 0 ? movements[^1].At : DateTimeOffset.UtcNow;
        await connection.ExecuteAsync(new CommandDefinition(upsert,
            new { level.Sku, level.Location, level.Version, level.OnHand, level.Reserved, Now = SqlTime.ToDb(at, database.Dialect) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
