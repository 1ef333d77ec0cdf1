namespace OrderActors.Returns;

/// <summary>Where the goods come back: at a store counter, or by mail with a return label.</summary>
public enum ReturnChannel
{
    InStore = 0,
    Mail = 1,
}
