namespace OrderActors.Returns;

/// <summary>Who opened the return.</summary>
public enum ReturnSource
{
    CustomerService = 0,
    Pos = 1,
    Platform = 2,
}
