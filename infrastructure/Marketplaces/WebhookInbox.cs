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
    public async Task<bool> AddAsync(SourcePlatform platform, Guid accountId, string eventId, string? platformOrderId, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var d = database.Dialect;
        var sql = "INSERT INTO" +
            " webhook_inbox (platform, account_id, event_id, platform_order_id, body, headers, callback_url, received_at, attempts, next_attempt_at)" +
            " VALUES (@Platform, @AccountId, @EventId, @OrderId, @Body, @Headers, @Url, @Now, 0, @Now)" +
            (d == SqlDialect.MySql ? " ON DUPLICATE KEY UPDATE id = id" : " ON CONFLICT(platform, account_id, event_id) DO NOTHING");
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = SqlTime.ToDb(time.GetUtcNow(), d);
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            Platform = platform.ToString(),
            AccountId = accountId.ToString(),
            EventId = eventId.Length > 255 ? eventId[..255] : eventId,
            OrderId = platformOrderId,
            delivery.Body,
            Headers = JsonSerializer.Serialize(delivery.Headers),
            Url = delivery.CallbackUrl,
            Now = now,
        }, cancellationToken: cancellationToken));
        return rows > 0;
    }

    /// <summary>Leases up to <paramref name="max"/> due rows to this caller, so concurrent processors never apply the same row at once.</summary>
    public async Task<IReadOnlyList<InboxItem>> LeaseDueAsync(int max, CancellationToken cancellationToken)
    {
        var d = database.Dialect;
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM webhook_inbox WHERE processed_at IS NULL AND next_attempt_at <= @Now AND (lease_until IS NULL OR lease_until < @Now) ORDER BY id LIMIT @Max",
            new { Now = SqlTime.ToDb(now, d), Max = max }, cancellationToken: cancellationToken));
        var leased = new List<InboxItem>();
        foreach (var id in ids)
        {
            var taken = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_inbox SET lease_until = @Until WHERE id = @Id AND processed_at IS NULL AND (lease_until IS NULL OR lease_until < @Now)",
                new { Id = id, Until = SqlTime.ToDb(now + Lease, d), Now = SqlTime.ToDb(now, d) }, cancellationToken: cancellationToken));
            if (taken == 0)
            {
                continue;
            }
            var row = await connection.QuerySingleAsync(new CommandDefinition(
                "SELECT id, platform, account_id, body, headers, callback_url, attempts FROM webhook_inbox WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
            leased.Add(new InboxItem(
                (long)row.id,
                Enum.Parse<SourcePlatform>((string)row.platform),
                SqlValues.ReadGuid(row.account_id),
                new WebhookDelivery
                {
                    Body = (byte[])row.body,
                    Headers = JsonSerializer.Deserialize<Dictionary<string, string>>((string)row.headers) ?? [],
                    CallbackUrl = (string)row.callback_url,
                },
                Convert.ToInt32(row.attempts)));
        }
        return leased;
    }

    public async Task MarkProcessedAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE webhook_inbox SET processed_at = @Now, lease_until = NULL, attempts = attempts + 1 WHERE id = @Id",
            new { Id = id, Now = SqlTime.ToDb(time.GetUtcNow(), database.Dialect) }, cancellationToken: cancellationToken));
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

    public async Task<int> CountAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM webhook_inbox WHERE account_id = @Id",
            new { Id = accountId.ToString() }, cancellationToken: cancellationToken));
    }
}

public sealed record InboxItem(long Id, SourcePlatform Platform, Guid AccountId, WebhookDelivery Delivery, int Attempts);
