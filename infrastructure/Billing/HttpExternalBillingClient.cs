using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.Billing;
using OrderActors.Grains.Billing;

namespace OrderActors.Billing;

/// <summary>
/// <c>POST {endpoint}/invoices</c> with the invoice id as <c>Idempotency-Key</c> (docs/pos-billing-contract.md).
/// 200/201 accepted; anything else, a network error or the timeout is a failure that triggers manual billing.
/// </summary>
public sealed class HttpExternalBillingClient(HttpClient http, BillingOptions options) : IExternalBillingClient
{
    public const string HttpClientName = "external-billing";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ExternalBillingResult> SendAsync(InvoiceDetails invoice, CancellationToken cancellationToken)
    {
        if (!options.ExternalBillingConfigured)
        {
            return ExternalBillingResult.Failed("No external billing endpoint is configured.");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(options.ExternalEndpoint!.TrimEnd('/') + "/"), "invoices"))
        {
            Content = JsonContent.Create(ExternalInvoice.From(invoice), options: Json),
        };
        request.Headers.Add("Idempotency-Key", invoice.Id.ToString());
        if (!string.IsNullOrEmpty(options.ExternalApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ExternalApiKey);
        }
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return ExternalBillingResult.Failed($"HTTP {(int)response.StatusCode}");
            }
            var body = await response.Content.ReadFromJsonAsync<ExternalInvoiceReceipt>(Json, cancellationToken);
            return ExternalBillingResult.Ok(body?.FiscalNumber);
        }
        catch (OperationCanceledException)
        {
            return ExternalBillingResult.Failed("timed out");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException)
        {
            return ExternalBillingResult.Failed(ex.Message);
        }
    }
}
