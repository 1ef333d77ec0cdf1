namespace OrderActors.Files;

/// <summary>Where attachments are kept (<c>OrderActors:Files:Provider</c>).</summary>
public enum FileStorageProvider
{
    /// <summary>A directory on this machine (default: <c>{DataDirectory}/attachments</c>).</summary>
    Local,

    /// <summary>A bucket on an S3-compatible server.</summary>
    S3,
}
