using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace OrderActors.Storage.Sqlite;

/// <summary>
/// Orleans reminders in the embedded node's SQLite file, with the semantics of Orleans' ADO.NET reminder table:
/// the ETag is the row's version, every upsert writes a new one, a removal must present the current one.
/// </summary>
public sealed class SqliteReminderTable(SqliteOrleansDatabase database, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Columns =
        "grain_id AS GrainId, reminder_name AS ReminderName, start_at AS StartAt, period_ms AS PeriodMs, version AS Version";

    private const string ByGrainSql = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId";

    private const string ByNameSql = $"{ByGrainSql} AND reminder_name = @ReminderName";

    // The ring range (begin, end]; when begin >= end it wraps past uint.MaxValue, and begin == end is the whole ring.
    private const string InRangeSql = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = @ServiceId AND grain_hash > @Begin AND grain_hash <= @End";

    private const string WrappedRangeSql = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = @ServiceId AND (grain_hash > @Begin OR grain_hash <= @End)";

    // One statement, so concurrent upserts of one reminder are serialized by SQLite and each returns its own version.
    private const string UpsertSql =
        "INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_at, period_ms, grain_hash, version) " +
        "VALUES (@ServiceId, @GrainId, @ReminderName, @StartAt, @PeriodMs, @GrainHash, 1) " +
        "ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET start_at = excluded.start_at, " +
        "period_ms = excluded.period_ms, grain_hash = excluded.grain_hash, version = orleans_reminders.version + 1 " +
        "RETURNING version";

    private const string RemoveSql =
        "DELETE FROM orleans_reminders WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version";

    private const string ClearSql = "DELETE FROM orleans_reminders WHERE service_id = @ServiceId";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly string _serviceId = cluster.Value.ServiceId;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync(ByGrainSql, new { ServiceId = _serviceId, GrainId = grainId.ToString() }, cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        QueryAsync(begin < end ? InRangeSql : WrappedRangeSql, new { ServiceId = _serviceId, Begin = (long)begin, End = (long)end }, cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var row = await database.ReadAsync(
            c => c.QuerySingleOrDefaultAsync<ReminderRow>(new CommandDefinition(
                ByNameSql, new { ServiceId = _serviceId, GrainId = grainId.ToString(), ReminderName = reminderName }, cancellationToken: cancellationToken)),
            cancellationToken);
        return row is null ? null : ToEntry(row);
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            ServiceId = _serviceId,
            GrainId = entry.GrainId.ToString(),
            entry.ReminderName,
            StartAt = FormatTime(entry.StartAt),
            PeriodMs = (long)entry.Period.TotalMilliseconds,
            GrainHash = (long)entry.GrainId.GetUniformHashCode(),
        };
        var version = await database.WriteAsync(
            c => c.QuerySingleAsync<long>(new CommandDefinition(UpsertSql, parameters, cancellationToken: cancellationToken)),
            cancellationToken);
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }
        var parameters = new { ServiceId = _serviceId, GrainId = grainId.ToString(), ReminderName = reminderName, Version = version };
        var deleted = await database.WriteAsync(
            c => c.ExecuteAsync(new CommandDefinition(RemoveSql, parameters, cancellationToken: cancellationToken)),
            cancellationToken);
        return deleted > 0;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        database.WriteAsync(
            c => c.ExecuteAsync(new CommandDefinition(ClearSql, new { ServiceId = _serviceId }, cancellationToken: cancellationToken)),
            cancellationToken);

    private async Task<ReminderTableData> QueryAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        var rows = await database.ReadAsync(
            c => c.QueryAsync<ReminderRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)),
            cancellationToken);
        return new ReminderTableData(rows.Select(ToEntry));
    }

    private static ReminderEntry ToEntry(ReminderRow row) => new()
    {
        GrainId = GrainId.Parse(row.GrainId),
        ReminderName = row.ReminderName,
        StartAt = DateTime.ParseExact(row.StartAt, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        Period = TimeSpan.FromMilliseconds(row.PeriodMs),
        ETag = row.Version.ToString(CultureInfo.InvariantCulture),
    };

    private static string FormatTime(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
        return utc.ToString(TimeFormat, CultureInfo.InvariantCulture);
    }

    private sealed class ReminderRow
    {
        public string GrainId { get; init; } = "";

        public string ReminderName { get; init; } = "";

        public string StartAt { get; init; } = "";

        public long PeriodMs { get; init; }

        public long Version { get; init; }
    }
}
