using OrderActors.Billing;

namespace OrderActors.ApiHost.Components.Billing;

/// <summary>What an invoice command did, with the grain's own message when it refused.</summary>
public sealed record BillingActionResult(bool Succeeded, string Message, InvoiceDetails? Invoice = null)
{
    public static BillingActionResult Failed(string message) => new(false, message);
}
