using OrderActors.MarketplaceSim.Generation;
using OrderActors.MarketplaceSim.Model;
using OrderActors.MarketplaceSim.Webhooks;
using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Control;

/// <summary>The test-facing API under <c>/_sim</c>: set up apps and shops, create and advance orders, inject faults, read what was pushed back.</summary>
public static class ControlApi
{
    public sealed record AppRequest(SourcePlatform Platform, string AppKey, string AppSecret, string? RedirectUri);

    public sealed record ShopRequest(SourcePlatform Platform, string ShopId, string AppKey, string? Currency, string? Country, string? WebhookTarget, bool Generate = false);

    public sealed record ShopCreated(SourcePlatform Platform, string ShopId, string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, string ShopCipher);

    public sealed record CreateOrdersRequest(int Count, SimStage Stage = SimStage.ToShip, int SpreadSeconds = 0);

    public sealed record OrderView(string Id, SimStage Stage, DateTimeOffset UpdatedAt, int Items, string Currency, decimal GrandTotal);

    public sealed record WebhookView(long Id, SourcePlatform Platform, string ShopId, string OrderId, IReadOnlyList<int?> Attempts);

    public static void MapControlApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/_sim");
        g.MapPost("/apps", (AppRequest r, SimState s) => s.RegisterApp(new SimApp(r.Platform, r.AppKey, r.AppSecret, r.RedirectUri)));
        g.MapPost("/shops", (ShopRequest r, SimState s) =>
        {
            var (shop, token) = s.CreateShop(new SimShop
            {
                Platform = r.Platform, ShopId = r.ShopId, AppKey = r.AppKey, Currency = r.Currency ?? "MYR", Country = r.Country ?? "MY",
                WebhookTarget = r.WebhookTarget, Generate = r.Generate,
            });
            return new ShopCreated(shop.Platform, shop.ShopId, token.AccessToken, token.RefreshToken, token.ExpiresAt, shop.ShopCipher);
        });
        g.MapPut("/shops/{platform}/{shopId}/webhook-target", (SourcePlatform platform, string shopId, TargetRequest r, SimState s) =>
            s.FindShop(platform, shopId) is { } shop ? Results.Ok(shop.WebhookTarget = r.Url) : Results.NotFound());
        g.MapPost("/shops/{platform}/{shopId}/orders", (SourcePlatform platform, string shopId, CreateOrdersRequest r, SimState s, OrderFactory f) =>
        {
            if (s.FindShop(platform, shopId) is not { } shop)
            {
                return Results.NotFound();
            }
            var now = s.Time.GetUtcNow();
            var created = Enumerable.Range(0, r.Count)
                .Select(i => f.Create(shop, r.Stage, r.SpreadSeconds > 0 ? now.AddSeconds(-r.SpreadSeconds + (double)i * r.SpreadSeconds / Math.Max(1, r.Count)) : null))
                .Select(View).ToList();
            return Results.Ok(created);
        });
        g.MapGet("/shops/{platform}/{shopId}/orders", (SourcePlatform platform, string shopId, SimState s) => s.Orders(platform, shopId).Select(View));
        g.MapPost("/shops/{platform}/{shopId}/orders/{orderId}/advance", (SourcePlatform platform, string shopId, string orderId, AdvanceRequest? r, SimState s, OrderFactory f) =>
        {
            if (s.FindOrder(platform, shopId, orderId) is not { } order)
            {
                return Results.NotFound();
            }
            f.Advance(order, r?.To);
            return Results.Ok(View(order));
        });
        g.MapPost("/shops/{platform}/{shopId}/expire-tokens", (SourcePlatform platform, string shopId, SimState s) => new { expired = s.ExpireTokens(platform, shopId) });
        g.MapPost("/shops/{platform}/{shopId}/revoke", (SourcePlatform platform, string shopId, SimState s) =>
        {
            s.Revoke(platform, shopId);
            return Results.NoContent();
        });
        g.MapPost("/faults/{platform}", (SourcePlatform platform, SimFaults faults, SimState s) =>
        {
            s.SetFaults(platform, faults);
            return Results.NoContent();
        });
        g.MapGet("/stats/{platform}", (SourcePlatform platform, SimState s) => s.Stats(platform));
        g.MapGet("/pushed-back", (SourcePlatform? platform, string? shopId, SimState s) =>
            s.PushedBack().Where(p => (platform is null || p.Platform == platform) && (shopId is null || p.ShopId == shopId)));
        g.MapGet("/shopee/lost-pushes/{partnerId}", (string partnerId, ShopeeLostPushes lost) => new { unconfirmed = lost.Count(partnerId) });
        g.MapGet("/webhooks", (WebhookDispatcher d) => d.Sent.Select(w => new WebhookView(w.Id, w.Platform, w.ShopId, w.OrderId, w.Attempts)));
        g.MapPost("/webhooks/{id:long}/redeliver", async (long id, WebhookDispatcher d) =>
            await d.RedeliverAsync(id) is { } status ? Results.Ok(new { status }) : Results.NotFound());
    }

    public sealed record TargetRequest(string? Url);

    public sealed record AdvanceRequest(SimStage? To);

    private static OrderView View(SimOrder o) => new(o.Id, o.Stage, o.UpdatedAt, o.Items.Count, o.Currency, o.GrandTotal);
}
