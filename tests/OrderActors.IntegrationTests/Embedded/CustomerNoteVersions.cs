namespace OrderActors.IntegrationTests.Embedded;

/// <summary>A state type as first shipped.</summary>
[GenerateSerializer, Alias("OrderActors.Tests.CustomerNoteV1")]
public sealed class CustomerNoteV1
{
    [Id(0)] public string Name { get; set; } = "";

    [Id(1)] public int Visits { get; set; }
}

/// <summary>The same state type after a release added a field.</summary>
[GenerateSerializer, Alias("OrderActors.Tests.CustomerNoteV2")]
public sealed class CustomerNoteV2
{
    [Id(0)] public string Name { get; set; } = "";

    [Id(1)] public int Visits { get; set; }

    [Id(2)] public string Tier { get; set; } = "standard";
}
