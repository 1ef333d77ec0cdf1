namespace OrderActors.Files;

/// <summary>
/// Settings for an S3-compatible store (<c>OrderActors:Files:S3</c>), for when attachments must be shared by
/// several api-hosts. Not implemented here: no S3 client package is available in this build; see
/// docs/returns-attachments.md for the contract an implementation of <see cref="IFileStorage"/> must keep.
/// </summary>
public sealed class S3FileStorageOptions
{
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    public string? Region { get; set; }

    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    public string KeyPrefix { get; set; } = "attachments/";
}
