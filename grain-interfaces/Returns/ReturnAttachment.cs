using OrderActors.Orders;

namespace OrderActors.Returns;

/// <summary>A stored photo. <see cref="StorageKey"/> is generated, never taken from the uploaded file name.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Returns.ReturnAttachment")]
public sealed record ReturnAttachment(
    [property: Id(0)] string Id,
    [property: Id(1)] string FileName,
    [property: Id(2)] string ContentType,
    [property: Id(3)] long Size,
    [property: Id(4)] string StorageKey,
    [property: Id(5)] string? Sku,
    [property: Id(6)] DateTimeOffset UploadedAt,
    [property: Id(7)] Actor UploadedBy);
