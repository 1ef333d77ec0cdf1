using Dapper;
using OrderActors.Database;

namespace OrderActors.Marketplaces.ReadModel;

/// <summary>The account list with sync health, read from <c>platform_accounts</c>.</summary>
public sealed class PlatformAccountQueries(ReadModelDatabase database)
{
    public async Task<IReadOnlyList<PlatformAccountSummary>> ListAsync(string? platform, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync(new CommandDefinition(
            "SELECT id, platform, name, shop_id, sync_status, active, is_demo, sync_interval_seconds, last_sync_at, last_error, orders_upserted " +
            "FROM platform_accounts WHERE (@Platform IS NULL OR platform = @Platform) ORDER BY platform, name, id",
            new { Platform = platform }, cancellationToken: cancellationToken));
        return rows.Select(r => new PlatformAccountSummary(
            Guid.Parse((string)r.id),
            (string)r.platform,
            (string)r.name,
            (string)r.shop_id,
            (string)r.sync_status,
            Convert.ToInt64(r.active) != 0,
            Convert.ToInt64(r.is_demo) != 0,
            Convert.ToInt32(r.sync_interval_seconds),
            r.last_sync_at is null ? (DateTimeOffset?)null : SqlTime.FromDb((object)r.last_sync_at),
            (string?)r.last_error,
            Convert.ToInt64(r.orders_upserted))).ToList();
    }
}

public sealed record PlatformAccountSummary(
    Guid Id, string Platform, string Name, string ShopId, string SyncStatus, bool Active, bool IsDemo, int SyncIntervalSeconds,
    DateTimeOffset? LastSyncAt, string? LastError, long OrdersUpserted);
