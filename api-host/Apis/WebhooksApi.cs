using Microsoft.Extensions.Options;
using OrderActors.Marketplaces;
using OrderActors.Marketplaces.Webhooks;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis;

/// <summary>
/// <c>POST /webhooks/{platform}/{accountId}</c>: anonymous, authenticated by the platform's signature on the raw bytes.
/// A bad or missing signature is a 401 with nothing stored; a good delivery is answered 200 (empty body) only after
/// it is committed to the inbox (group commit with the deliveries arriving at the same time), deduplicated by the
/// platform's event id. The signature is checked here with the account's briefly cached key (<see cref="WebhookVerifier"/>).
/// Applying it happens in the background.
/// </summary>
public static class WebhooksApi
{
    private const int MaxBodyBytes = 1 << 20;

    private static readonly Dictionary<string, SourcePlatform> Platforms = new(StringComparer.Ordinal)
    {
        ["shopee"] = SourcePlatform.Shopee,
        ["lazada"] = SourcePlatform.Lazada,
        ["shopify"] = SourcePlatform.Shopify,
        ["tiktokshop"] = SourcePlatform.TikTokShop,
    };

    private static readonly string[] KeptHeaders =
        ["authorization", "x-shopify-hmac-sha256", "x-shopify-topic", "x-shopify-event-id", "x-shopify-webhook-id", "x-shopify-shop-domain", "x-shopify-triggered-at"];

    public static void MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/{platform}/{accountId:guid}", Receive).AllowAnonymous().WithTags("Webhooks").DisableAntiforgery();
    }

    private static async Task<IResult> Receive(string platform, Guid accountId, HttpRequest request, WebhookVerifier verifier, WebhookInboxWriter inbox,
        WebhookInboxProcessor processor, IOptions<MarketplaceOptions> options, CancellationToken ct)
    {
        if (!Platforms.TryGetValue(platform, out var sourcePlatform))
        {
            return Results.NotFound();
        }
        if (await verifier.KeyAsync(accountId, sourcePlatform) is not { } key)
        {
            return Results.NotFound();
        }
        if (request.ContentLength is > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var delivery = new WebhookDelivery
        {
            Body = buffer.ToArray(),
            Headers = KeptHeaders.Where(h => request.Headers.ContainsKey(h)).ToDictionary(h => h, h => request.Headers[h].ToString()),
            CallbackUrl = CallbackUrl(request, options.Value),
        };
        var check = verifier.Verify(accountId, key, delivery);
        if (!check.Valid || check.EventId is null)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
        // Answered only once the group commit holding this row is durable.
        if (await inbox.AddAsync(new InboxEntry(sourcePlatform, accountId, check.EventId, check.PlatformOrderId, delivery), ct))
        {
            processor.Notify();
        }
        return Results.Ok(); // empty body: Shopee counts any body as a failure
    }

    /// <summary>The URL the platform was configured to call (Shopee signs it): the public base URL when set, else this request's.</summary>
    private static string CallbackUrl(HttpRequest request, MarketplaceOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } publicBase
            ? $"{publicBase.TrimEnd('/')}{request.Path}"
            : $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
}
