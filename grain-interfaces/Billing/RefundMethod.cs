namespace OrderActors.Billing;

/// <summary>How the amount of a credit note goes back to the customer.</summary>
public enum RefundMethod
{
    OriginalPayment = 0,
    Cash = 1,
    StoreCredit = 2,
}
