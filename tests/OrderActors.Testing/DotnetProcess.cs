using System.Diagnostics;
using System.Text;

namespace OrderActors.Testing;

/// <summary>
/// A real built executable started with <c>dotnet app.dll</c> and its own environment. Its output is kept in a
/// buffer that every failed wait quotes, <see cref="Kill"/> is <c>kill -9</c>, and disposing kills what still runs.
/// </summary>
public sealed class DotnetProcess : IAsyncDisposable
{
    private const int MaxBufferedChars = 400_000;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private DotnetProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet {dll} {arguments}</c> with the given environment added to this process's own.</summary>
    public static DotnetProcess Start(string name, string dll, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Plain, uncoloured console output, and no Development settings leaking in from the test runner.
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var runner = new DotnetProcess(name, process);
        process.OutputDataReceived += (_, e) => runner.Append(e.Data);
        process.ErrorDataReceived += (_, e) => runner.Append(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"{name}: dotnet {dll} did not start");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return runner;
    }

    /// <summary>Waits until a line containing <paramref name="text"/> was printed.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            ThrowIfPast(deadline, $"did not print \"{text}\" within {timeout.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until <paramref name="url"/> answers a success status code.</summary>
    public async Task WaitForHttpOkAsync(string url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url);
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
            ThrowIfPast(deadline, $"{url} did not answer 2xx within {timeout.TotalSeconds:0} s (last: {last})");
            await Task.Delay(200);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw Failure($"did not exit within {timeout.TotalSeconds:0} s");
        }
        return _process.ExitCode;
    }

    /// <summary>Ends the process at once with SIGKILL (<c>kill -9</c>): no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>An exception whose message carries the process's output, for assertions made by the test.</summary>
    public Exception Failure(string what) =>
        new TimeoutException($"{Name} (pid {_process.Id}{(HasExited ? $", exited {_process.ExitCode}" : "")}) {what}.\n--- {Name} output ---\n{Tail()}");

    public string Tail(int maxChars = 20_000)
    {
        var output = Output;
        return output.Length <= maxChars ? output : "...\n" + output[^maxChars..];
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void ThrowIfPast(DateTime deadline, string what)
    {
        if (HasExited)
        {
            throw Failure($"exited before it {what.Replace("did not ", "could ")}");
        }
        if (DateTime.UtcNow > deadline)
        {
            throw Failure(what);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_outputLock)
        {
            if (_output.Length > MaxBufferedChars)
            {
                _output.Remove(0, _output.Length - MaxBufferedChars / 2);
            }
            _output.Append(line).Append('\n');
        }
    }
}
