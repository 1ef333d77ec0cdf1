using System.Diagnostics;

namespace OrderActors.Bench.ReadModel;

/// <summary>
/// CPU time used by this process and by the MariaDB server on a port, between two readings. On a shared machine the
/// wall time of a run mostly says how long it waited for a core; the CPU time per operation says what it costs.
/// </summary>
public sealed class CpuMeter
{
    private readonly int? _serverPid;
    private TimeSpan _ownStart;
    private TimeSpan _serverStart;

    public CpuMeter(uint? serverPort)
    {
        _serverPid = serverPort is { } port ? FindServer(port) : null;
        Restart();
    }

    public void Restart()
    {
        _ownStart = Process.GetCurrentProcess().TotalProcessorTime;
        _serverStart = ServerCpu();
    }

    /// <summary>CPU milliseconds per operation since the last restart: this process, and the database server (or null).</summary>
    public (double Own, double? Server) PerOperation(int operations)
    {
        var own = (Process.GetCurrentProcess().TotalProcessorTime - _ownStart).TotalMilliseconds / operations;
        double? server = _serverPid is null ? null : (ServerCpu() - _serverStart).TotalMilliseconds / operations;
        return (own, server);
    }

    private TimeSpan ServerCpu()
    {
        if (_serverPid is not { } pid || !File.Exists($"/proc/{pid}/stat"))
        {
            return TimeSpan.Zero;
        }
        // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesized name) are user and system time in clock ticks.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private static int? FindServer(uint port)
    {
        if (!Directory.Exists("/proc"))
        {
            return null;
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains("mariadbd", StringComparison.Ordinal) && cmdline.Contains($"--port={port} ", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return null;
    }
}
