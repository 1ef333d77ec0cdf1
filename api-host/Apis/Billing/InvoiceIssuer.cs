using System.Text;
using System.Text.RegularExpressions;
using OrderActors.Billing;
using OrderActors.Grains.Billing;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis.Billing;

/// <summary>Turns an order into an invoice draft with its store's tax policy and has the series grain number it.</summary>
public sealed partial class InvoiceIssuer(IClusterClient orleans, BillingOptions options, TimeProvider time)
{
    public const int MaxSeriesLength = 48;

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,47}$")]
    public static partial Regex SeriesPattern();

    /// <summary>The default series: per store and year, for example <c>INV-STORE1-2026</c>.</summary>
    public string DefaultSeries(string storeId) => $"INV-{Sanitize(storeId)}-{time.GetUtcNow().Year}";

    public async Task<(InvoiceDetails Invoice, bool Created)> IssueAsync(OrderDetails order, string? series, string requestKey, Actor actor)
    {
        var seriesName = series ?? DefaultSeries(order.AccountId);
        var id = InvoiceIdentity.For(seriesName, requestKey);
        if (await orleans.GetGrain<IInvoiceGrain>(id).GetDetails() is { } existing)
        {
            return (existing, false);
        }
        var tax = options.TaxPolicyFor(order.AccountId);
        var (lines, totals) = InvoiceCalculator.Calculate(InvoiceCalculator.LinesOf(order), tax, order.Currency);
        var draft = new InvoiceDraft
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
        var invoice = await orleans.GetGrain<IInvoiceSeriesGrain>(seriesName).Issue(requestKey, draft);
        return (invoice, true);
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
