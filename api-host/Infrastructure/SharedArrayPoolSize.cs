namespace OrderActors.ApiHost.Infrastructure;

/// <summary>
/// Sizes <see cref="System.Buffers.ArrayPool{T}.Shared"/> for thousands of SignalR connections. Each connection's
/// SignalR pipe rents its 4 KB segments from the shared pool and holds them from the relay's write until its send
/// loop has passed the bytes to the socket, so one relay round holds a segment or two per connection at once. The
/// runtime keeps only 32 arrays per size per core by default: at 5,000 connections nearly every write then
/// allocated a fresh array (and the GC cleared and collected it), which profiling showed as the relay's largest
/// cost. The limit is read once, from the environment, when the pool is first used, so it is set at the very start
/// of the process; an explicit setting in the environment wins.
/// </summary>
public static class SharedArrayPoolSize
{
    public const string Variable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    // Per core and per size class. At 5,000 connections a 250 ms relay round is about 10 KB (3 segments) per
    // connection, some 15,000 segments in flight; 4,096 per core still left a tenth of the host's CPU in allocating
    // and clearing fresh ones. 16,384 x 4 KB is 64 MB per core at most, held only after a round needed it (the
    // pool trims arrays unused for a while under memory pressure).
    public const int ArraysPerCore = 16_384;

    public static void Apply()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, ArraysPerCore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
