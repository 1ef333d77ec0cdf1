using System.Text;
using OrderActors.Billing;
using OrderActors.Orders;

namespace OrderActors.Grains.Billing;

/// <summary>Builds the invoice draft of an order with its store's tax policy, and names the default series.</summary>
public static class InvoiceDrafts
{
    /// <summary>The request key under which an order's own invoice is issued, so every path finds the same invoice.</summary>
    public static string OrderKey(Guid orderId) => $"order:{orderId}";

    /// <summary>The default series: per store and year, for example <c>INV-STORE1-2026</c>.</summary>
    public static string DefaultSeries(string storeId, int year) => $"INV-{Sanitize(storeId)}-{year}";

    public static InvoiceDraft ForOrder(OrderDetails order, TaxPolicy tax, Actor actor)
    {
        var (lines, totals) = InvoiceCalculator.Calculate(InvoiceCalculator.LinesOf(order), tax, order.Currency);
        return new InvoiceDraft
        {
            OrderId = order.Id,
            StoreId = order.AccountId,
            Currency = order.Currency,
            PricesIncludeTax = tax.PricesIncludeTax,
            CustomerName = order.Customer.Name,
            Lines = lines,
            Totals = totals,
            Actor = actor,
            PlatformOrderId = order.PlatformOrderId,
        };
    }

    private static string Sanitize(string storeId)
    {
        var text = new StringBuilder();
        foreach (var c in storeId.ToUpperInvariant())
        {
            text.Append(c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? c : '-');
        }
        var result = text.ToString().Trim('-');
        return result.Length == 0 ? "STORE" : result[..Math.Min(result.Length, 30)];
    }
}
