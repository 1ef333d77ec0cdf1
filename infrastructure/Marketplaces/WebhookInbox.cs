using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using OrderActors.Database;
using OrderActors.Orders;

namespace OrderActors.Marketplaces.Webhooks;

/// <summary>
/// The durable record of received webhooks, deduplicated by (platform, account, platform event id). A delivery is
/// acknowledged to the platform only after its row is committed; a background processor applies rows afterwards.
/// </summary>
public sealed class WebhookInbox(ReadModelDatabase database, TimeProvider time)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    /// <summary>Stores the delivery unless its event is already stored; true when it was new.</summary>
    public async Task<bool> AddAsync(SourcePlatform platform, Guid accountId, string eventId, string? platformOrderId, WebhookDelivery delivery, CancellationToken cancellationToken) =>
        await AddBatchAsync([new InboxEntry(platform, accountId, eventId, platformOrderId, delivery)], cancellationToken) > 0;

    /// <summary>
    /// Stores many deliveries in one statement (one commit); those whose event is already stored, or repeated within
    /// the batch, are skipped. Returns how many rows were new.
    /// </summary>
    public async Task<int> AddBatchAsync(IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return 0;
        }
        var d = database.Dialect;
        // Key order keeps concurrent batches of several hosts from locking the unique index in opposite orders.
        var rows = entries.DistinctBy(e => (e.Platform, e.AccountId, e.EventId))
            .OrderBy(e => e.Platform).ThenBy(e => e.AccountId).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
        var parameters = new DynamicParameters();
        parameters.Add("Now", SqlTime.ToDb(time.GetUtcNow(), d));
        // MariaDB: IGNORE, not ON DUPLICATE KEY UPDATE, because the connector reports found rows, so a no-op update of
        // a duplicate would count as stored (values are cut to their column sizes first, so only duplicates are skipped).
        var sql = new StringBuilder(d == SqlDialect.MySql ? "INSERT IGNORE INTO" : "INSERT INTO")
            .Append(" webhook_inbox (platform, account_id, event_id, platform_order_id, body, headers, callback_url, received_at, attempts, next_attempt_at) VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            var e = rows[i];
            sql.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"(@P{i}, @A{i}, @E{i}, @O{i}, @B{i}, @H{i}, @U{i}, @Now, 0, @Now)");
            parameters.Add($"P{i}", e.Platform.ToString());
            parameters.Add($"A{i}", e.AccountId.ToString());
            parameters.Add($"E{i}", e.EventId);
            parameters.Add($"O{i}", e.PlatformOrderId);
            parameters.Add($"B{i}", e.Delivery.Body);
            parameters.Add($"H{i}", JsonSerializer.Serialize(e.Delivery.Headers));
            parameters.Add($"U{i}", e.Delivery.CallbackUrl);
        }
        if (d == SqlDialect.Sqlite)
        {
            sql.Append(" ON CONFLICT(platform, account_id, event_id) DO NOTHING");
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Leases up to <paramref name="max"/> due rows to this caller, oldest first, so concurrent processors (several
    /// api-hosts) never apply the same row at once. Three statements whatever the batch size: pick, claim, read back.
    /// </summary>
    public async Task<IReadOnlyList<InboxItem>> LeaseDueAsync(int max, CancellationToken cancellationToken)
    {
        var d = database.Dialect;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM webhook_inbox WHERE processed_at IS NULL AND next_attempt_at <= @Now AND (lease_until IS NULL OR lease_until < @Now) ORDER BY id LIMIT @Max",
            new { Now = SqlTime.ToDb(now, d), Max = max }, cancellationToken: cancellationToken))).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var owner = Guid.NewGuid().ToString();
        var taken = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_inbox SET lease_until = @Until, lease_owner = @Owner WHERE id IN @Ids AND processed_at IS NULL AND (lease_until IS NULL OR lease_until < @Now)",
            new { Ids = ids, Owner = owner, Until = SqlTime.ToDb(now + Lease, d), Now = SqlTime.ToDb(now, d) }, cancellationToken: cancellationToken));
        if (taken == 0)
        {
            return [];
        }
        var rows = await connection.QueryAsync(new CommandDefinition(
            "SELECT id, platform, account_id, platform_order_id, body, headers, callback_url, attempts FROM webhook_inbox WHERE id IN @Ids AND lease_owner = @Owner AND processed_at IS NULL ORDER BY id",
            new { Ids = ids, Owner = owner }, cancellationToken: cancellationToken));
        return rows.Select(row => new InboxItem(
            (long)row.id,
            Enum.Parse<SourcePlatform>((string)row.platform),
            SqlValues.ReadGuid(row.account_id),
            new WebhookDelivery
            {
                Body = (byte[])row.body,
                Headers = JsonSerializer.Deserialize<Dictionary<string, string>>((string)row.headers) ?? [],
                CallbackUrl = (string)row.callback_url,
            },
            Convert.ToInt32(row.attempts),
            (string?)row.platform_order_id)).ToList();
    }

    public Task MarkProcessedAsync(long id, CancellationToken cancellationToken) => MarkProcessedAsync([id], cancellationToken);

    /// <summary>Marks a batch applied in one statement.</summary>
    public async Task MarkProcessedAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE webhook_inbox SET processed_at = @Now, lease_until = NULL, attempts = attempts + 1 WHERE id IN @Ids",
            new { Ids = ids, Now = SqlTime.ToDb(time.GetUtcNow(), database.Dialect) }, cancellationToken: cancellationToken));
    }

    /// <summary>Gives leased rows back before their lease ends (a processor stopping with rows it did not apply).</summary>
    public async Task ReleaseAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE webhook_inbox SET lease_until = NULL WHERE id IN @Ids AND processed_at IS NULL",
            new { Ids = ids }, cancellationToken: cancellationToken));
    }

    public async Task MarkFailedAsync(long id, int attempts, string error, CancellationToken cancellationToken)
    {
        var retryIn = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts), 600));
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_inbox SET attempts = attempts + 1, lease_until = NULL, last_error = @Error, next_attempt_at = @Next WHERE id = @Id",
            new { Id = id, Error = error.Length > 2000 ? error[..2000] : error, Next = SqlTime.ToDb(time.GetUtcNow() + retryIn, database.Dialect) },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Removes one batch of deliveries applied before <paramref name="cutoff"/> (unapplied ones stay, however old);
    /// returns how many went. Batched so no delete holds its locks long while webhooks keep arriving.
    /// </summary>
    public async Task<int> RemoveAppliedBeforeAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        var sql = database.Dialect == SqlDialect.MySql
            ? "DELETE FROM webhook_inbox WHERE processed_at < @Cutoff ORDER BY processed_at LIMIT @Batch"
            : "DELETE FROM webhook_inbox WHERE id IN (SELECT id FROM webhook_inbox WHERE processed_at < @Cutoff ORDER BY processed_at LIMIT @Batch)";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { Cutoff = SqlTime.ToDb(cutoff, database.Dialect), Batch = batchSize },
            cancellationToken: cancellationToken));
    }

    public async Task<int> CountAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM webhook_inbox WHERE account_id = @Id",
            new { Id = accountId.ToString() }, cancellationToken: cancellationToken));
    }
}

public sealed record InboxItem(long Id, SourcePlatform Platform, Guid AccountId, WebhookDelivery Delivery, int Attempts, string? PlatformOrderId = null);

/// <summary>A verified delivery to store: its dedupe key (platform, account, platform event id) and the raw delivery.</summary>
public sealed record InboxEntry(SourcePlatform Platform, Guid AccountId, string EventId, string? PlatformOrderId, WebhookDelivery Delivery)
{
    public string EventId { get; } = EventId.Length > 255 ? EventId[..255] : EventId;

    public string? PlatformOrderId { get; } = PlatformOrderId is { Length: > 128 } ? PlatformOrderId[..128] : PlatformOrderId;
}
