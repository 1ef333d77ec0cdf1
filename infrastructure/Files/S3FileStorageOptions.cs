namespace OrderActors.Files;

/// <summary>
/// Settings of the S3-compatible attachment store (<c>OrderActors:Files:S3</c>), used when
/// <c>OrderActors:Files:Provider</c> is <c>S3</c> so that several api-hosts share the attachments.
/// </summary>
public sealed class S3FileStorageOptions
{
    /// <summary>Endpoint of an S3-compatible server (MinIO, Ceph, a local test server); empty means AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>With neither key set, the SDK's default credential chain (environment, profile, instance role) is used.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    public string KeyPrefix { get; set; } = "attachments/";

    /// <summary>Path-style URLs (<c>{server}/{bucket}/{key}</c>), which most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;
}
