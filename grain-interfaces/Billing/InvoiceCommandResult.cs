namespace OrderActors.Billing;

/// <summary>What a command on an invoice did. <see cref="ItemId"/> is the payment or credit note it created.</summary>
[GenerateSerializer, Immutable, Alias("OrderActors.Billing.InvoiceCommandResult")]
public sealed record InvoiceCommandResult(
    [property: Id(0)] InvoiceCommandOutcome Outcome,
    [property: Id(1)] InvoiceDetails? Invoice,
    [property: Id(2)] string? ItemId = null,
    [property: Id(3)] string? Error = null)
{
    public bool Succeeded => Outcome is InvoiceCommandOutcome.Applied or InvoiceCommandOutcome.Repeated;
}

public enum InvoiceCommandOutcome
{
    Applied = 0,
    Repeated = 1,
    NotFound = 2,
    Rejected = 3,
}
