namespace OrderActors.Billing;

/// <summary>How a payment was made. Names are part of the public JSON contract.</summary>
public enum PaymentMethod
{
    Cash = 0,
    Card = 1,
    BankTransfer = 2,
    EWallet = 3,
    MarketplaceSettlement = 4,
}
