using System.Collections.Concurrent;
using Orleans.Storage;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// The real MariaDB grain storage of an in-process test silo, with one addition: once the silo is "killed"
/// (<see cref="Fence"/>), it can no longer write. An in-process silo stopped by <c>KillSiloAsync</c> keeps running
/// its timers for a moment; a process killed with SIGKILL would not, and its writes must not count for the test.
/// </summary>
public sealed class FencedGrainStorage(IGrainStorage inner, ILocalSiloDetails silo) : IGrainStorage
{
    private static readonly ConcurrentDictionary<SiloAddress, bool> Fenced = new();

    public static void Fence(SiloAddress address) => Fenced[address] = true;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfFenced();
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfFenced();
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ThrowIfFenced();
        return inner.ClearStateAsync(stateName, grainId, grainState);
    }

    private void ThrowIfFenced()
    {
        if (Fenced.ContainsKey(silo.SiloAddress))
        {
            throw new OrleansException($"Silo {silo.SiloAddress} was killed: it can no longer reach the database.");
        }
    }
}
