using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Pos;

/// <summary>An in-store sale takes its goods out of the terminal's stock location, once per sale however often the terminal retries.</summary>
public sealed class PosStockTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(Permissions.PosUse, Permissions.StockRead, Permissions.StockWrite);

    [Fact]
    public async Task A_sale_records_one_sale_movement_per_sku_at_the_terminal_location_exactly_once()
    {
        var location = $"S9-FLOOR-{Guid.NewGuid():N}"[..24];
        var counted = await _client.PostAsJsonAsync("/api/stock/adjustments", new { sku = "TEE-RED-M", location, onHandDelta = 10, reason = "Count" });
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        var receipt = $"R-STOCK-{Guid.NewGuid():N}";
        var body = $$"""
            {"platform":"Pos","platformOrderId":"{{receipt}}","terminalId":"T-09","storeId":"STORE9","location":"{{location}}",
             "customer":{"name":"Walk-in"},"currency":"IDR",
             "items":[{"sku":"TEE-RED-M","name":"Red tee M","quantity":2,"unitPrice":55000},
                      {"sku":"TEE-RED-M","name":"Red tee M (gift)","quantity":1,"unitPrice":0},
                      {"sku":"MUG-BLUE","name":"Blue mug","quantity":1,"unitPrice":30000}]}
            """;
        var key = $"sale-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(body, key)));
        var retriedWithNewKey = await PostAsync(body, $"sale-{Guid.NewGuid():N}");

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, retriedWithNewKey.StatusCode);
        Assert.Equal(location, (await retriedWithNewKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("location").GetString());
        var tees = await MovementsAsync("TEE-RED-M", location);
        Assert.Equal(2, tees.Count);
        var sale = Assert.Single(tees, m => m.GetProperty("reason").GetString() == "Sale");
        Assert.Equal(-3, sale.GetProperty("onHandDelta").GetInt32());
        Assert.Equal(7, sale.GetProperty("onHandAfter").GetInt32());
        Assert.Equal(receipt, sale.GetProperty("reference").GetString());
        var mug = Assert.Single(await MovementsAsync("MUG-BLUE", location));
        Assert.Equal("Sale", mug.GetProperty("reason").GetString());
        // Nothing was counted for the mug: the sale is still recorded, and the ledger shows the shortfall.
        Assert.Equal(-1, mug.GetProperty("onHandAfter").GetInt32());
        var level = await _client.GetFromJsonAsync<JsonElement>($"/api/stock?sku=TEE-RED-M&location={location}");
        Assert.Equal(7, level.GetProperty("items")[0].GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Without_a_location_the_sale_comes_out_of_the_store()
    {
        var store = $"ST{Guid.NewGuid():N}"[..20];
        var receipt = $"R-STOCK-{Guid.NewGuid():N}";
        var body = $$"""
            {"platform":"Pos","platformOrderId":"{{receipt}}","terminalId":"T-01","storeId":"{{store}}","customer":{"name":"Walk-in"},"currency":"IDR",
             "items":[{"sku":"CAP-GREY","name":"Grey cap","quantity":4,"unitPrice":25000}]}
            """;

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(body, $"sale-{Guid.NewGuid():N}")).StatusCode);

        var movement = Assert.Single(await MovementsAsync("CAP-GREY", store));
        Assert.Equal(-4, movement.GetProperty("onHandDelta").GetInt32());
        var bad = await PostAsync(body.Replace("\"terminalId\"", "\"location\":\"../x\",\"terminalId\""), $"sale-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("location", out _));
    }

    private async Task<List<JsonElement>> MovementsAsync(string sku, string location) =>
        (await _client.GetFromJsonAsync<JsonElement>($"/api/stock/movements?sku={sku}&location={location}")).GetProperty("items").EnumerateArray().ToList();

    private Task<HttpResponseMessage> PostAsync(string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pos/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return _client.SendAsync(request);
    }
}
