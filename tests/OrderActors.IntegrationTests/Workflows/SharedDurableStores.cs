using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// Grain storage and a reminder table that live outside every silo of an in-process test cluster, as MariaDB does
/// outside real silos: what a killed silo wrote survives it. State is stored as serialized bytes (no shared objects).
/// An in-process "killed" silo keeps running its timers for a while; <see cref="Fence"/> cuts it off from the
/// stores, as a dead process is cut off from the database, so nothing it still does can count.
/// </summary>
public static class SharedStores
{
    private static readonly ConcurrentDictionary<SiloAddress, bool> Fenced = new();

    public static void Fence(SiloAddress silo) => Fenced[silo] = true;

    public static void ThrowIfFenced(SiloAddress silo)
    {
        if (Fenced.ContainsKey(silo))
        {
            throw new OrleansException($"Silo {silo} was killed: it can no longer reach the store.");
        }
    }
}

public sealed class SharedGrainStorage(Serializer serializer, ILocalSiloDetails silo) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (byte[] Payload, int Version)> Rows = new();

    /// <summary>What the store holds for a grain, read directly (not through an activation, which may be stale).</summary>
    public static T? Peek<T>(Serializer serializer, string stateName, GrainId grainId) =>
        Rows.TryGetValue($"{stateName}/{grainId}", out var row) ? serializer.Deserialize<T>(row.Payload) : default;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        SharedStores.ThrowIfFenced(silo.SiloAddress);
        if (Rows.TryGetValue($"{stateName}/{grainId}", out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Payload);
            grainState.ETag = row.Version.ToString();
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        SharedStores.ThrowIfFenced(silo.SiloAddress);
        var key = $"{stateName}/{grainId}";
        var payload = serializer.SerializeToArray(grainState.State);
        var expected = grainState.ETag is null ? 0 : int.Parse(grainState.ETag);
        var written = Rows.AddOrUpdate(key,
            _ => expected == 0 ? (payload, 1) : throw new InconsistentStateException($"{key}: no row for etag {expected}"),
            (_, held) => held.Version == expected ? (payload, held.Version + 1) : throw new InconsistentStateException($"{key}: etag {expected} but stored {held.Version}"));
        grainState.ETag = written.Version.ToString();
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Rows.TryRemove($"{stateName}/{grainId}", out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}

public sealed class SharedReminderTable(ILocalSiloDetails silo) : IReminderTable
{
    private static readonly ConcurrentDictionary<(GrainId, string), ReminderEntry> Rows = new();
    private static int _version;

    public static int Count => Rows.Count;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(new ReminderTableData(Rows.Values.Where(r => r.GrainId == grainId).Select(Copy)));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.FromResult(new ReminderTableData(Rows.Values.Where(r => InRange(r.GrainId.GetUniformHashCode(), begin, end)).Select(Copy)));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(Rows.TryGetValue((grainId, reminderName), out var row) ? Copy(row) : null);

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        SharedStores.ThrowIfFenced(silo.SiloAddress);
        var etag = Interlocked.Increment(ref _version).ToString();
        Rows[(entry.GrainId, entry.ReminderName)] = new ReminderEntry { GrainId = entry.GrainId, ReminderName = entry.ReminderName, StartAt = entry.StartAt, Period = entry.Period, ETag = etag };
        return Task.FromResult<string?>(etag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        SharedStoresFenced() ? throw new OrleansException("fenced") : Task.FromResult(Rows.TryGetValue((grainId, reminderName), out var row) && row.ETag == eTag && Rows.TryRemove(new KeyValuePair<(GrainId, string), ReminderEntry>((grainId, reminderName), row)));

    public Task TestOnlyClearTable()
    {
        Rows.Clear();
        return Task.CompletedTask;
    }

    private bool SharedStoresFenced()
    {
        SharedStores.ThrowIfFenced(silo.SiloAddress);
        return false;
    }

    private static bool InRange(uint hash, uint begin, uint end) => begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private static ReminderEntry Copy(ReminderEntry r) => new() { GrainId = r.GrainId, ReminderName = r.ReminderName, StartAt = r.StartAt, Period = r.Period, ETag = r.ETag };
}
