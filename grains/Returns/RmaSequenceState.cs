namespace OrderActors.Grains.Returns;

[GenerateSerializer, Alias("OrderActors.Grains.Returns.RmaSequenceState")]
public sealed class RmaSequenceState
{
    [Id(0)] public long Last { get; set; }
}
