using OrderActors.Orders;

namespace OrderActors.Billing;

/// <summary>
/// Works out invoice lines and totals. Each line is rounded to the currency's minor unit and the totals are the
/// sums of the rounded lines, so the printed lines always add up to the printed totals.
/// </summary>
public static class InvoiceCalculator
{
    public static InvoiceLine Line(InvoiceLineInput input, TaxPolicy tax, string currency)
    {
        var amount = input.UnitPrice * input.Quantity - input.Discount;
        decimal net, taxAmount, gross;
        if (tax.PricesIncludeTax)
        {
            gross = Currency.Round(amount, currency);
            taxAmount = Currency.Round(gross * tax.Rate / (1m + tax.Rate), currency);
            net = gross - taxAmount;
        }
        else
        {
            net = Currency.Round(amount, currency);
            taxAmount = Currency.Round(net * tax.Rate, currency);
            gross = net + taxAmount;
        }
        return new InvoiceLine(input.Sku, input.Description, input.Quantity, input.UnitPrice, input.Discount, tax.Rate, net, taxAmount, gross);
    }

    public static (IReadOnlyList<InvoiceLine> Lines, InvoiceTotals Totals) Calculate(IEnumerable<InvoiceLineInput> inputs, TaxPolicy tax, string currency)
    {
        var lines = inputs.Select(i => Line(i, tax, currency)).ToList();
        return (lines, Totals(lines));
    }

    public static InvoiceTotals Totals(IReadOnlyList<InvoiceLine> lines) =>
        new(lines.Sum(l => l.Net), lines.Sum(l => l.Tax), lines.Sum(l => l.Gross));

    /// <summary>The lines of an order: its items, shipping as a line, and an order-level discount as a negative line.</summary>
    public static IReadOnlyList<InvoiceLineInput> LinesOf(OrderDetails order)
    {
        var lines = order.Items.Select(i => new InvoiceLineInput(i.Sku, i.Variant is null ? i.Name : $"{i.Name} ({i.Variant})", i.Quantity, i.UnitPrice, i.Discount)).ToList();
        if (order.Totals.Shipping != 0)
        {
            lines.Add(new InvoiceLineInput("SHIPPING", "Shipping", 1, order.Totals.Shipping));
        }
        if (order.Totals.Discount != 0)
        {
            lines.Add(new InvoiceLineInput("DISCOUNT", "Order discount", 1, -order.Totals.Discount));
        }
        return lines;
    }
}
