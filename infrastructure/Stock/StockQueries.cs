using System.Globalization;
using Dapper;
using OrderActors.Database;

namespace OrderActors.Stock;

public sealed record StockLevelRow(string Sku, string Location, int OnHand, int Reserved, int Available, DateTimeOffset UpdatedAt);

public sealed record StockMovementRow(long Sequence, int OnHandDelta, int ReservedDelta, string Reason, string? Reference, int OnHandAfter, int ReservedAfter, string Actor, DateTimeOffset At);

/// <summary>Stock levels and movements from the read model.</summary>
public sealed class StockQueries(ReadModelDatabase database)
{
    public async Task<IReadOnlyList<StockLevelRow>> LevelsAsync(string? sku, string? location, int limit, CancellationToken cancellationToken = default)
    {
        var where = new List<string>();
        if (sku is not null)
        {
            where.Add("sku = @sku");
        }
        if (location is not null)
        {
            where.Add("location = @location");
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(new CommandDefinition(
            "SELECT sku, location, on_hand AS OnHand, reserved, updated_at AS UpdatedAt FROM stock_levels" +
            (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "") + " ORDER BY sku, location LIMIT @limit",
            new { sku, location, limit = Math.Clamp(limit, 1, 500) }, cancellationToken: cancellationToken));
        return rows.Select(r =>
        {
            int onHand = Convert.ToInt32(r.OnHand, CultureInfo.InvariantCulture), reserved = Convert.ToInt32(r.reserved, CultureInfo.InvariantCulture);
            return new StockLevelRow((string)r.sku, (string)r.location, onHand, reserved, onHand - reserved, SqlTime.FromDb((object)r.UpdatedAt));
        }).ToList();
    }

    public async Task<IReadOnlyList<StockMovementRow>> MovementsAsync(string sku, string location, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(new CommandDefinition(
            "SELECT sequence_no AS SequenceNo, on_hand_delta AS OnHandDelta, reserved_delta AS ReservedDelta, reason, reference, on_hand_after AS OnHandAfter, " +
            "reserved_after AS ReservedAfter, actor, at FROM stock_movements WHERE sku = @sku AND location = @location ORDER BY sequence_no DESC LIMIT @limit",
            new { sku, location, limit = Math.Clamp(limit, 1, 500) }, cancellationToken: cancellationToken));
        return rows.Select(r => new StockMovementRow(
            Convert.ToInt64(r.SequenceNo, CultureInfo.InvariantCulture), Convert.ToInt32(r.OnHandDelta, CultureInfo.InvariantCulture), Convert.ToInt32(r.ReservedDelta, CultureInfo.InvariantCulture),
            (string)r.reason, (string?)r.reference, Convert.ToInt32(r.OnHandAfter, CultureInfo.InvariantCulture), Convert.ToInt32(r.ReservedAfter, CultureInfo.InvariantCulture),
            (string)r.actor, SqlTime.FromDb((object)r.at))).ToList();
    }
}
