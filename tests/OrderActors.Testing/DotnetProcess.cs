using System.Diagnostics;

namespace OrderActors.Testing;

/// <summary>
/// A built executable of this repository (<c>dotnet path/to/App.dll ...</c>) run as a real child process, with its
/// console output kept so a failing test can show what the process said.
/// </summary>
public sealed class DotnetProcess : IAsyncDisposable
{
    private const int KeptLines = 400;

    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private DotnetProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote to stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="dllPath"/> <paramref name="arguments"/></c> with these extra environment variables.</summary>
    public static DotnetProcess Start(string dllPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        if (!File.Exists(dllPath))
        {
            throw new FileNotFoundException($"{dllPath} is not built; build the solution (or the test project, which builds it) first.", dllPath);
        }
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dllPath)!,
        };
        start.ArgumentList.Add(dllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        var runner = new DotnetProcess(process, Path.GetFileNameWithoutExtension(dllPath));
        process.OutputDataReceived += (_, e) => runner.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => runner.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200; fails with the process output if it exits or the time runs out.</summary>
    public async Task WaitForReadyAsync(Uri baseAddress, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was ready. Output:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} was not ready at {baseAddress} within {timeout} (last: {last}). Output:\n{Output}");
    }

    /// <summary>Ends the process with SIGKILL (<c>kill -9</c>): no shutdown code runs, nothing is flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The repository root: the nearest directory above the test binaries that holds OrderActors.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrderActors.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No OrderActors.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>A project's built dll in the same configuration (Debug/Release) as the running tests.</summary>
    public static string BuiltDll(string projectDirectory, string assemblyName)
    {
        var targetDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = targetDir.Parent?.Name ?? "Debug";
        return Path.Combine(RepositoryRoot(), projectDirectory, "bin", configuration, targetDir.Name, assemblyName + ".dll");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > KeptLines)
            {
                _output.Dequeue();
            }
        }
    }
}
