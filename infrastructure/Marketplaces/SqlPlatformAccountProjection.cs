using Dapper;
using OrderActors.Database;
using OrderActors.Grains.Marketplaces;
using OrderActors.Marketplaces;

namespace OrderActors.Marketplaces.ReadModel;

/// <summary>Upserts an account's row of <c>platform_accounts</c>; the account grain is its only writer.</summary>
public sealed class SqlPlatformAccountProjection(ReadModelDatabase database) : IPlatformAccountProjection
{
    private const string Columns = "id, platform, name, shop_id, sync_status, active, is_demo, sync_interval_seconds, last_sync_at, watermark, last_error, orders_upserted, created_at, updated_at";
    private const string Values = "@Id, @Platform, @Name, @ShopId, @SyncStatus, @Active, @IsDemo, @SyncIntervalSeconds, @LastSyncAt, @Watermark, @LastError, @OrdersUpserted, @CreatedAt, @UpdatedAt";
    private static readonly string[] Updated = ["name", "shop_id", "sync_status", "active", "is_demo", "sync_interval_seconds", "last_sync_at", "watermark", "last_error", "orders_upserted", "updated_at"];

    private static readonly string MySqlUpsert =
        $"INSERT INTO platform_accounts ({Columns}) VALUES ({Values}) ON DUPLICATE KEY UPDATE " + string.Join(", ", Updated.Select(c => $"{c} = VALUES({c})"));

    private static readonly string SqliteUpsert =
        $"INSERT INTO platform_accounts ({Columns}) VALUES ({Values}) ON CONFLICT(id) DO UPDATE SET " + string.Join(", ", Updated.Select(c => $"{c} = excluded.{c}"));

    public async Task ProjectAsync(PlatformAccountInfo a, CancellationToken cancellationToken = default)
    {
        var d = database.Dialect;
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(d == SqlDialect.MySql ? MySqlUpsert : SqliteUpsert, new
        {
            Id = a.Id.ToString(),
            Platform = a.Platform.ToString(),
            a.Name,
            a.ShopId,
            SyncStatus = a.SyncStatus.ToString(),
            Active = a.Active ? 1 : 0,
            IsDemo = a.IsDemo ? 1 : 0,
            a.SyncIntervalSeconds,
            LastSyncAt = a.LastSyncAt is { } s ? SqlTime.ToDb(s, d) : null,
            Watermark = a.Watermark is { } w ? SqlTime.ToDb(w, d) : null,
            LastError = a.LastError is { Length: > 2000 } e ? e[..2000] : a.LastError,
            OrdersUpserted = a.Counters.OrdersUpserted,
            CreatedAt = SqlTime.ToDb(a.CreatedAt, d),
            UpdatedAt = SqlTime.ToDb(a.UpdatedAt, d),
        }, cancellationToken: cancellationToken));
    }

    public async Task RemoveAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM platform_accounts WHERE id = @Id", new { Id = accountId.ToString() }, cancellationToken: cancellationToken));
    }
}
