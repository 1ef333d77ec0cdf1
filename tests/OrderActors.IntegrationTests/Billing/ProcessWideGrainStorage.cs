using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrderActors.IntegrationTests.Billing;

/// <summary>
/// Grain storage for an in-process TestCluster that outlives any one silo: the data sits in a process-wide table,
/// serialized (so silos never share objects), with ETag checks like a database row. Orleans' memory storage keeps
/// state in a grain on one silo and loses it when that silo is killed, which would make a silo-kill test
/// meaningless. The production cluster uses the ADO.NET storage on MariaDB with the same contract.
/// </summary>
public sealed class ProcessWideGrainStorage(Serializer serializer) : IGrainStorage
{
    private static readonly ConcurrentDictionary<string, (string ETag, byte[] Data)> Rows = new(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (Rows.TryGetValue(Key(stateName, grainId), out var row))
        {
            grainState.State = serializer.Deserialize<T>(row.Data);
            grainState.ETag = row.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var data = serializer.SerializeToArray(grainState.State);
        var etag = Guid.NewGuid().ToString("N");
        lock (Rows)
        {
            Rows.TryGetValue(key, out var current);
            if (current.ETag != grainState.ETag)
            {
                throw new InconsistentStateException($"ETag mismatch for {key}", current.ETag, grainState.ETag);
            }
            Rows[key] = (etag, data);
        }
        grainState.ETag = etag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Rows.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static string Key(string stateName, GrainId grainId) => $"{stateName}/{grainId}";
}
