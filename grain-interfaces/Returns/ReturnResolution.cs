namespace OrderActors.Returns;

public enum ReturnResolution
{
    Refund = 0,
    Exchange = 1,
    StoreCredit = 2,
}
