namespace OrderActors.Billing;

/// <summary>A line as sold, before tax is worked out.</summary>
public sealed record InvoiceLineInput(string Sku, string Description, int Quantity, decimal UnitPrice, decimal Discount = 0m);
