using System.Diagnostics;
using MySqlConnector;

namespace OrderActors.Testing;

/// <summary>
/// The MariaDB server of a test run. <c>./test.sh</c> starts one throwaway <c>mariadbd</c> for the whole run and
/// passes its root connection string in <c>ORDERACTORS_TEST_MARIADB</c>; a test run started another way (an IDE)
/// starts its own private server here, on a free loopback port with a temporary data directory. Never port 3306,
/// never a system instance. Each test fixture gets its own database from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class MariaDbServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "ORDERACTORS_TEST_MARIADB";

    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static MariaDbServer? _shared;

    private readonly Process? _process;
    private readonly string? _dataDirectory;

    private MariaDbServer(string rootConnectionString, Process? process, string? dataDirectory)
    {
        RootConnectionString = rootConnectionString;
        _process = process;
        _dataDirectory = dataDirectory;
    }

    public string RootConnectionString { get; }

    public static async Task<MariaDbServer> GetSharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_shared is null)
            {
                var fromScript = Environment.GetEnvironmentVariable(EnvironmentVariable);
                _shared = string.IsNullOrWhiteSpace(fromScript)
                    ? await StartPrivateAsync()
                    : new MariaDbServer(fromScript, null, null);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared?.StopPrivate();
            }
            return _shared;
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync(string prefix) =>
        CreateNamedDatabaseAsync($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)].ToLowerInvariant());

    /// <summary>A connection string to the database <paramref name="name"/> on this server, which need not exist yet.</summary>
    public string ConnectionStringFor(string name) =>
        new MySqlConnectionStringBuilder(RootConnectionString) { Database = name }.ConnectionString;

    /// <summary>Creates an empty database with exactly this name and returns a connection string to it.</summary>
    public async Task<string> CreateNamedDatabaseAsync(string name)
    {
        await using var connection = new MySqlConnection(RootConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand($"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Starts a second, private throwaway server (own data directory, removed on dispose) on <paramref name="port"/>
    /// or a free one: for tests about a database that comes up late or goes away. Dispose it when done.
    /// </summary>
    public static Task<MariaDbServer> StartThrowawayAsync(int? port = null) => StartPrivateAsync(port);

    private static async Task<MariaDbServer> StartPrivateAsync(int? fixedPort = null)
    {
        var mariadbd = FindExecutable("mariadbd") ?? FindExecutable("mysqld")
            ?? throw new InvalidOperationException(
                "MariaDB is not installed. Run ./test.sh (it installs it as root), or: apt-get install -y mariadb-server mariadb-client");
        var installDb = FindExecutable("mariadb-install-db") ?? FindExecutable("mysql_install_db")
            ?? throw new InvalidOperationException("mariadb-install-db not found; install mariadb-server.");

        var dir = Path.Combine(Path.GetTempPath(), $"oa-mariadb-{Guid.NewGuid():N}");
        var data = Path.Combine(dir, "data");
        Directory.CreateDirectory(data);
        var runAsRoot = Environment.UserName == "root";
        if (runAsRoot)
        {
            await RunAsync("chown", $"-R mysql:mysql {dir}");
        }
        var userArg = runAsRoot ? "--user=mysql" : "";
        await RunAsync(installDb, $"{userArg} --datadir={data} --auth-root-authentication-method=normal --skip-test-db");

        var port = fixedPort ?? FreePort.Next();
        var socket = Path.Combine(dir, "mariadb.sock");
        var start = new ProcessStartInfo(mariadbd,
            $"--no-defaults {userArg} --datadir={data} --socket={socket} --port={port} --bind-address=127.0.0.1 " +
            "--skip-name-resolve --innodb-buffer-pool-size=256M --max-allowed-packet=64M --max-connections=500")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("mariadbd did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var root = new MySqlConnectionStringBuilder { Server = "127.0.0.1", Port = (uint)port, UserID = "root", Password = "", Pooling = true }.ConnectionString;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var probe = new MySqlConnection(new MySqlConnectionStringBuilder { Server = socket, ConnectionProtocol = MySqlConnectionProtocol.UnixSocket, UserID = "root" }.ConnectionString);
                await probe.OpenAsync();
                await using var grant = new MySqlCommand(
                    "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;", probe);
                await grant.ExecuteNonQueryAsync();
                break;
            }
            catch (MySqlException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
        return new MariaDbServer(root, process, dir);
    }

    private void StopPrivate()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        StopPrivate();
        return ValueTask.CompletedTask;
    }

    private static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin")
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{file} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stderr}");
        }
    }
}
