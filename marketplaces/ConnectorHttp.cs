using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>
/// Sends one HTTP request and turns transport-level failures into the typed exceptions the resilience pipeline
/// understands: 429 (with <c>Retry-After</c>) is throttling, 5xx, timeouts and broken connections are transient.
/// Platform error codes inside a 200 body are the connector's to interpret.
/// </summary>
public sealed class ConnectorHttp(IHttpClientFactory clients)
{
    public const string ClientName = "marketplaces";

    public async Task<HttpReply> SendAsync(SourcePlatform platform, HttpMethod method, string url, string? jsonBody,
        IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = contentType == "application/json" ? null : "utf-8" };
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new MarketplaceTransientException(platform, "network", ex.Message);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new MarketplaceThrottledException(platform, "429", Trim(text), RetryAfter(response));
            }
            if ((int)response.StatusCode >= 500)
            {
                throw new MarketplaceTransientException(platform, ((int)response.StatusCode).ToString(), Trim(text));
            }
            JsonElement body = default;
            if (text.Length > 0)
            {
                try
                {
                    body = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                    throw new MarketplaceTransientException(platform, ((int)response.StatusCode).ToString(), $"Unreadable response: {Trim(text)}");
                }
            }
            var responseHeaders = response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            return new HttpReply(response.StatusCode, body, text, responseHeaders);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };

    private static string Trim(string text) => text.Length > 300 ? text[..300] : text;
}

public sealed record HttpReply(HttpStatusCode Status, JsonElement Body, string Text, IReadOnlyDictionary<string, string> Headers);
