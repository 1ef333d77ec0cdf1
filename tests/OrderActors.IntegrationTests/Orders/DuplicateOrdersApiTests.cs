using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;

namespace OrderActors.IntegrationTests.Orders;

public sealed class DuplicateOrdersApiTests(OrdersApiFactory factory) : IClassFixture<OrdersApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(Permissions.OrdersRead, Permissions.OrdersWrite);

    [Fact]
    public async Task The_same_purchase_on_two_platforms_is_flagged_on_both_and_can_be_confirmed_with_one_primary()
    {
        var shopee = await _client.CreateAsync(OrderRequests.Body("Shopee", "DUP-1-S", phone: "+60 17-111 2222", email: "farah@example.com", sku: "DUP-BAG-1"));
        var lazada = await _client.CreateAsync(OrderRequests.Body("Lazada", "DUP-1-L", phone: "0171112222", email: "other@example.com", sku: "DUP-BAG-1"));
        var unrelated = await _client.CreateAsync(OrderRequests.Body("TikTokShop", "DUP-1-T", phone: "+60 17-111 2222", email: "farah@example.com", sku: "DUP-SHOE-9"));

        await OrderRequests.EventuallyAsync(async () => (await CandidatesAsync(shopee)).Any(c => c.Id == lazada), "shopee order lists the lazada one");
        var fromLazada = Assert.Single(await CandidatesAsync(lazada));
        Assert.Equal(shopee, fromLazada.Id);
        Assert.InRange(fromLazada.Score, 0.6, 1.0);
        Assert.Equal("Open", fromLazada.Decision);
        Assert.DoesNotContain(await CandidatesAsync(unrelated), c => c.Id == shopee || c.Id == lazada);

        var confirm = await _client.PostAsync($"/api/orders/{lazada}/duplicates/{shopee}/confirm", OrderRequests.Json($$"""{"primaryId":"{{shopee}}"}"""));

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(shopee, (await _client.DetailAsync(lazada)).GetProperty("primaryOrderId").GetGuid());
        Assert.Equal(JsonValueKind.Null, (await _client.DetailAsync(shopee)).GetProperty("primaryOrderId").ValueKind);
        Assert.Equal("Confirmed", Assert.Single(await CandidatesAsync(shopee), c => c.Id == lazada).Decision);
        Assert.Equal("Confirmed", Assert.Single(await CandidatesAsync(lazada)).Decision);
    }

    [Fact]
    public async Task A_dismissed_candidate_stays_dismissed_on_both_orders()
    {
        var shopify = await _client.CreateAsync(OrderRequests.Body("Shopify", "DUP-2-A", phone: "+6590001111", email: "minh@example.com", sku: "DUP-MUG-2"));
        var tiktok = await _client.CreateAsync(OrderRequests.Body("TikTokShop", "DUP-2-B", phone: "+6598887777", email: "Minh@Example.com", sku: "DUP-MUG-2"));
        await OrderRequests.EventuallyAsync(async () => (await CandidatesAsync(shopify)).Any(c => c.Id == tiktok), "candidate recorded on the first order");

        var dismiss = await _client.PostAsync($"/api/orders/{shopify}/duplicates/{tiktok}/dismiss", null);
        var confirmAfter = await _client.PostAsync($"/api/orders/{tiktok}/duplicates/{shopify}/confirm", null);

        Assert.Equal(HttpStatusCode.OK, dismiss.StatusCode);
        Assert.Equal("Dismissed", Assert.Single(await CandidatesAsync(shopify)).Decision);
        Assert.Equal("Dismissed", Assert.Single(await CandidatesAsync(tiktok)).Decision);
        Assert.Equal(HttpStatusCode.OK, confirmAfter.StatusCode);
    }

    [Fact]
    public async Task Deciding_on_an_order_that_is_not_a_candidate_is_a_404()
    {
        var a = await _client.CreateAsync(OrderRequests.Body("Shopee", "DUP-3-A", phone: "+60111111111", sku: "DUP-X"));
        var b = await _client.CreateAsync(OrderRequests.Body("Lazada", "DUP-3-B", phone: "+60122222222", email: "b@example.com", sku: "DUP-Y"));

        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync($"/api/orders/{a}/duplicates/{b}/confirm", null)).StatusCode);
    }

    private async Task<List<(Guid Id, double Score, string Decision)>> CandidatesAsync(Guid id)
    {
        var body = await _client.GetFromJsonAsync<JsonElement>($"/api/orders/{id}/duplicates");
        return body.GetProperty("items").EnumerateArray()
            .Select(c => (c.GetProperty("otherOrderId").GetGuid(), c.GetProperty("score").GetDouble(), c.GetProperty("decision").GetString()!))
            .ToList();
    }
}
