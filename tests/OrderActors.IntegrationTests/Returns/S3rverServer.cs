using System.Diagnostics;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using OrderActors.Files;
using OrderActors.Testing;

namespace OrderActors.IntegrationTests.Returns;

/// <summary>
/// A real S3-compatible server for the tests: the npm package s3rver (installed by test.sh into tools/s3rver) on a
/// free loopback port with a fresh data directory and one bucket, stopped and removed on dispose.
/// </summary>
public sealed class S3rverServer : IAsyncLifetime
{
    public const string Bucket = "orderactors-attachments";
    public const string Credential = "S3RVER"; // s3rver's fixed access key and secret

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"oa-s3rver-{Guid.NewGuid():N}");
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public S3FileStorageOptions Options(string keyPrefix = "attachments/") => new()
    {
        ServiceUrl = ServiceUrl, Bucket = Bucket, AccessKeyId = Credential, SecretAccessKey = Credential, KeyPrefix = keyPrefix,
    };

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepositoryLayout.Root, "tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new FileNotFoundException("s3rver is not installed: run ./test.sh or `npm install --prefix tools/s3rver s3rver@3.7.1`.", script);
        }
        Directory.CreateDirectory(_directory);
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "-d", _directory, "-a", "127.0.0.1", "-p", Port.ToString(), "--silent", "--configure-bucket", Bucket })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        using var client = CreateClient();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with code {_process.ExitCode}.");
            }
            try
            {
                await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket });
                return;
            }
            catch (Exception ex) when ((ex is HttpRequestException or SocketException or AmazonServiceException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public AmazonS3Client CreateClient() => new(new BasicAWSCredentials(Credential, Credential), new AmazonS3Config
    {
        ServiceURL = ServiceUrl,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Every object key under a prefix.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync(string prefix)
    {
        using var client = CreateClient();
        var response = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix });
        return (response.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
