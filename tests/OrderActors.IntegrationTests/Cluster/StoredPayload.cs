namespace OrderActors.IntegrationTests.Cluster;

/// <summary>A grain state for the storage contract tests: some text and an arbitrary number of bytes.</summary>
[GenerateSerializer, Alias("OrderActors.IntegrationTests.StoredPayload")]
public sealed class StoredPayload
{
    [Id(0)] public string Text { get; set; } = "";

    [Id(1)] public byte[] Data { get; set; } = [];
}
