namespace OrderActors.IntegrationTests.Embedded;

[GenerateSerializer, Alias("OrderActors.Tests.ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public string Text { get; set; } = "";

    [Id(1)] public byte[] Blob { get; set; } = [];
}
