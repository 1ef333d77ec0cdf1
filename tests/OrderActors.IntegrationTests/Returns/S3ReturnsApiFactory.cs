using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Returns;

/// <summary>The returns host configured like <see cref="ReturnsApiFactory"/>, with attachments in an s3rver bucket.</summary>
public sealed class S3ReturnsApiFactory : ApiFactory, IAsyncLifetime
{
    public const string KeyPrefix = "it/";

    public S3rverServer S3 { get; } = new();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OrderActors:Returns:AutoApproveBelow:IDR"] = "1000000";
            settings["OrderActors:Returns:MaxAttachmentBytes"] = ReturnsApiFactory.MaxAttachmentBytes.ToString();
            settings["OrderActors:Files:Provider"] = "S3";
            settings["OrderActors:Files:S3:ServiceUrl"] = S3.ServiceUrl;
            settings["OrderActors:Files:S3:Bucket"] = S3rverServer.Bucket;
            settings["OrderActors:Files:S3:AccessKeyId"] = S3rverServer.Credential;
            settings["OrderActors:Files:S3:SecretAccessKey"] = S3rverServer.Credential;
            settings["OrderActors:Files:S3:KeyPrefix"] = KeyPrefix;
            return settings;
        }
    }

    public Task InitializeAsync() => S3.InitializeAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await S3.DisposeAsync();
    }
}
