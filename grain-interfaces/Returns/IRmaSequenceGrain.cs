namespace OrderActors.Returns;

/// <summary>Per year (the key): hands out RMA sequence numbers, each once.</summary>
public interface IRmaSequenceGrain : IGrainWithIntegerKey
{
    Task<long> Next();
}
