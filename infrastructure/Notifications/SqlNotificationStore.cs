using System.Data.Common;
using System.Globalization;
using Dapper;
using OrderActors.Database;

namespace OrderActors.Notifications;

public sealed class SqlNotificationStore(ReadModelDatabase database) : INotificationStore
{
    private const string PreferenceColumns =
        "user_id, new_orders, assigned_tasks, sync_failures, returns, in_app, email, email_address, permissions";

    private const string NotificationColumns =
        "id, user_id, position, event_id, type, required_permission, payload, created_at, read_at";

    private bool MySql => database.Dialect == SqlDialect.MySql;

    public async Task<long?> GetCheckpointAsync(string consumer, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT position FROM event_consumers WHERE name = @consumer", new { consumer }, cancellationToken: cancellationToken));
    }

    public async Task SaveCheckpointAsync(string consumer, long position, CancellationToken cancellationToken = default)
    {
        var sql = MySql
            ? "INSERT INTO event_consumers (name, position) VALUES (@consumer, @position) ON DUPLICATE KEY UPDATE position = GREATEST(position, VALUES(position))"
            : "INSERT INTO event_consumers (name, position) VALUES (@consumer, @position) ON CONFLICT(name) DO UPDATE SET position = MAX(position, excluded.position)";
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { consumer, position }, cancellationToken: cancellationToken));
    }

    public async Task<NotificationPreferences?> GetPreferencesAsync(string userId, CancellationToken cancellationToken = default)
    {
        var found = await QueryPreferencesAsync($"SELECT {PreferenceColumns} FROM notification_preferences WHERE user_id = @userId", new { userId }, cancellationToken);
        return found.SingleOrDefault();
    }

    public async Task SavePreferencesAsync(NotificationPreferences p, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        const string values = "@UserId, @NewOrders, @AssignedTasks, @SyncFailures, @Returns, @InApp, @Email, @EmailAddress, @Permissions, @UpdatedAt";
        string[] updated = ["new_orders", "assigned_tasks", "sync_failures", "returns", "in_app", "email", "email_address", "permissions", "updated_at"];
        var sql = MySql
            ? $"INSERT INTO notification_preferences ({PreferenceColumns}, updated_at) VALUES ({values}) ON DUPLICATE KEY UPDATE " +
              string.Join(", ", updated.Select(c => $"{c} = VALUES({c})"))
            : $"INSERT INTO notification_preferences ({PreferenceColumns}, updated_at) VALUES ({values}) ON CONFLICT(user_id) DO UPDATE SET " +
              string.Join(", ", updated.Select(c => $"{c} = excluded.{c}"));
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            p.UserId,
            p.NewOrders,
            p.AssignedTasks,
            p.SyncFailures,
            p.Returns,
            p.InApp,
            p.Email,
            p.EmailAddress,
            Permissions = string.Join(' ', p.Permissions),
            UpdatedAt = SqlTime.ToDb(now, database.Dialect),
        }, cancellationToken: cancellationToken));
    }

    public Task<IReadOnlyList<NotificationPreferences>> OptedInAsync(NotificationCategory category, CancellationToken cancellationToken = default)
    {
        var column = category switch
        {
            NotificationCategory.NewOrders => "new_orders",
            NotificationCategory.AssignedTasks => "assigned_tasks",
            NotificationCategory.SyncFailures => "sync_failures",
            NotificationCategory.Returns => "returns",
            _ => throw new ArgumentOutOfRangeException(nameof(category)),
        };
        return QueryPreferencesAsync($"SELECT {PreferenceColumns} FROM notification_preferences WHERE {column} = 1", null, cancellationToken);
    }

    public async Task<bool> AddAsync(Notification n, CancellationToken cancellationToken = default)
    {
        var insert = MySql ? "INSERT IGNORE INTO" : "INSERT OR IGNORE INTO";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            $"{insert} notifications (user_id, position, event_id, type, required_permission, payload, created_at, read_at) " +
            "VALUES (@UserId, @Position, @EventId, @Type, @RequiredPermission, @Payload, @CreatedAt, @ReadAt)",
            new
            {
                n.UserId,
                n.Position,
                EventId = n.EventId.ToString("D"),
                n.Type,
                n.RequiredPermission,
                n.Payload,
                CreatedAt = SqlTime.ToDb(n.CreatedAt, database.Dialect),
                ReadAt = n.ReadAt is { } read ? SqlTime.ToDb(read, database.Dialect) : null,
            }, cancellationToken: cancellationToken));
        return rows > 0;
    }

    public async Task<IReadOnlyList<Notification>> ListAsync(string userId, bool unreadOnly, IReadOnlyCollection<string> permissions, int limit, CancellationToken cancellationToken = default)
    {
        if (permissions.Count == 0)
        {
            return [];
        }
        var sql = $"SELECT {NotificationColumns} FROM notifications WHERE user_id = @userId AND required_permission IN @permissions" +
                  (unreadOnly ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT @limit";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, new { userId, permissions, limit }, cancellationToken: cancellationToken));
        var list = new List<Notification>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ReadNotification(reader));
        }
        return list;
    }

    public async Task<int> CountUnreadAsync(string userId, IReadOnlyCollection<string> permissions, CancellationToken cancellationToken = default)
    {
        if (permissions.Count == 0)
        {
            return 0;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM notifications WHERE user_id = @userId AND read_at IS NULL AND required_permission IN @permissions",
            new { userId, permissions }, cancellationToken: cancellationToken));
    }

    public async Task<bool> MarkReadAsync(string userId, long id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM notifications WHERE id = @id AND user_id = @userId", new { id, userId }, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications SET read_at = @now WHERE id = @id AND user_id = @userId AND read_at IS NULL",
            new { id, userId, now = SqlTime.ToDb(now, database.Dialect) }, cancellationToken: cancellationToken));
        return true;
    }

    private async Task<IReadOnlyList<NotificationPreferences>> QueryPreferencesAsync(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
        var list = new List<NotificationPreferences>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(new NotificationPreferences
            {
                UserId = reader.GetString(0),
                NewOrders = Flag(reader, 1),
                AssignedTasks = Flag(reader, 2),
                SyncFailures = Flag(reader, 3),
                Returns = Flag(reader, 4),
                InApp = Flag(reader, 5),
                Email = Flag(reader, 6),
                EmailAddress = reader.IsDBNull(7) ? null : reader.GetString(7),
                Permissions = reader.GetString(8).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            });
        }
        return list;
    }

    private static bool Flag(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture) != 0;

    private static Notification ReadNotification(DbDataReader reader) => new()
    {
        Id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
        UserId = reader.GetString(1),
        Position = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
        EventId = reader.GetValue(3) is Guid g ? g : Guid.Parse(reader.GetString(3)),
        Type = reader.GetString(4),
        RequiredPermission = reader.GetString(5),
        Payload = reader.GetString(6),
        CreatedAt = SqlTime.FromDb(reader.GetValue(7)),
        ReadAt = reader.IsDBNull(8) ? null : SqlTime.FromDb(reader.GetValue(8)),
    };
}
