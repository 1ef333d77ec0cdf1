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

    public string DefaultSeries(string storeId) => InvoiceDrafts.DefaultSeries(storeId, time.GetUtcNow().Year);

    public async Task<(InvoiceDetails Invoice, bool Created)> IssueAsync(OrderDetails order, string? series, string requestKey, Actor actor)
    {
        var seriesName = series ?? DefaultSeries(order.AccountId);
        var id = InvoiceIdentity.For(seriesName, requestKey);
        if (await orleans.GetGrain<IInvoiceGrain>(id).GetDetails() is { } existing)
        {
            return (existing, false);
        }
        var draft = InvoiceDrafts.ForOrder(order, options.TaxPolicyFor(order.AccountId), actor);
        var invoice = await orleans.GetGrain<IInvoiceSeriesGrain>(seriesName).Issue(requestKey, draft);
        return (invoice, true);
    }
}
