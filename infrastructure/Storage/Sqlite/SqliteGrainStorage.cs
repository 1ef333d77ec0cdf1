using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace OrderActors.Storage.Sqlite;

/// <summary>
/// Grain state in the embedded node's SQLite file, with the semantics of Orleans' ADO.NET provider: the ETag is the
/// row's integer version; the first write inserts version 1 only if no row exists; every later write or clear must
/// present the current version and bumps it, otherwise <see cref="InconsistentStateException"/>; a clear keeps the
/// row with no payload. State is stored with Orleans' own version-tolerant serializer.
/// </summary>
public sealed class SqliteGrainStorage(
    string serviceId,
    SqliteOrleansDatabase database,
    IGrainStorageSerializer serializer,
    IActivatorProvider activators,
    TimeProvider time) : IGrainStorage
{
    private const string Key = "service_id = @ServiceId AND state_name = @StateName AND grain_id = @GrainId";

    private const string ReadSql = $"SELECT payload AS Payload, version AS Version FROM orleans_grain_state WHERE {Key}";

    private const string InsertSql =
        "INSERT INTO orleans_grain_state (service_id, state_name, grain_id, payload, version, modified_at) " +
        "VALUES (@ServiceId, @StateName, @GrainId, @Payload, 1, @Now) ON CONFLICT DO NOTHING RETURNING version";

    private const string UpdateSql =
        $"UPDATE orleans_grain_state SET payload = @Payload, version = version + 1, modified_at = @Now " +
        $"WHERE {Key} AND version = @Expected RETURNING version";

    private const string VersionSql = $"SELECT version FROM orleans_grain_state WHERE {Key}";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var stored = await database.ReadAsync(
            c => c.QuerySingleOrDefaultAsync<StoredState>(new CommandDefinition(ReadSql, KeyOf(stateName, grainId), cancellationToken: cancellationToken)),
            cancellationToken);
        if (stored is null)
        {
            grainState.State = NewState<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.ETag = ETagOf(stored.Version);
        grainState.RecordExists = stored.Payload is not null;
        grainState.State = stored.Payload is null ? NewState<T>() : serializer.Deserialize<T>(new BinaryData(stored.Payload));
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var newVersion = await ChangeAsync(stateName, grainId, grainState.ETag, payload, cancellationToken);
        grainState.ETag = ETagOf(newVersion);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        // Without an ETag nothing was ever stored for this activation's view, so there is nothing to clear.
        if (grainState.ETag is not null)
        {
            grainState.ETag = ETagOf(await ChangeAsync(stateName, grainId, grainState.ETag, payload: null, cancellationToken));
        }
        grainState.State = NewState<T>();
        grainState.RecordExists = false;
    }

    /// <summary>Stores <paramref name="payload"/> (null clears) if the stored version is still <paramref name="etag"/>.</summary>
    private Task<long> ChangeAsync(string stateName, GrainId grainId, string? etag, byte[]? payload, CancellationToken cancellationToken)
    {
        var key = KeyOf(stateName, grainId);
        long? expected = null;
        if (etag is not null)
        {
            expected = long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw Conflict(key, etag, storedVersion: null);
        }
        var parameters = new
        {
            key.ServiceId,
            key.StateName,
            key.GrainId,
            Payload = payload,
            Expected = expected,
            Now = time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        // Group commit: this write shares a transaction (and its flush) with the grain writes queued meanwhile.
        return database.WriteInBatchAsync(async (connection, transaction) =>
        {
            var sql = expected is null ? InsertSql : UpdateSql;
            var written = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(sql, parameters, transaction));
            if (written is { } version)
            {
                return version;
            }
            var stored = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(VersionSql, key, transaction));
            throw Conflict(key, etag, stored);
        }, cancellationToken);
    }

    private StateKey KeyOf(string stateName, GrainId grainId) => new(serviceId, stateName, grainId.ToString());

    private T NewState<T>() => activators.GetActivator<T>().Create();

    private static string ETagOf(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(StateKey key, string? etag, long? storedVersion) =>
        new($"State '{key.StateName}' of grain {key.GrainId} was changed by someone else: held ETag '{etag ?? "none"}', stored version '{storedVersion?.ToString(CultureInfo.InvariantCulture) ?? "none"}'.",
            storedVersion?.ToString(CultureInfo.InvariantCulture) ?? "none",
            etag ?? "none");

    private sealed record StateKey(string ServiceId, string StateName, string GrainId);

    private sealed class StoredState
    {
        public byte[]? Payload { get; init; }

        public long Version { get; init; }
    }
}
