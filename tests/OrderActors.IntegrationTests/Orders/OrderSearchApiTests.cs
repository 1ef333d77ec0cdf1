using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>List, free text, statistics and export through the API on the embedded (SQLite) read model.</summary>
public sealed class OrderSearchApiTests(OrdersApiFactory factory) : IClassFixture<OrdersApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(Permissions.OrdersRead, Permissions.OrdersWrite);

    [Fact]
    public async Task Free_text_finds_orders_by_sku_customer_and_platform_order_id()
    {
        var kettle = await _client.CreateAsync(OrderRequests.Body("Shopify", "SRCH-1001", sku: "KETTLE-BLUE-2L", name: "Hafiz Osman", phone: "+60130000001", email: "h1@example.com"));
        var toaster = await _client.CreateAsync(OrderRequests.Body("Shopify", "SRCH-1002", sku: "TOASTER-4", name: "Priya Nair", phone: "+60130000002", email: "h2@example.com"));

        Assert.Equal([kettle], await SearchAsync("kettle-blue"));
        Assert.Equal([kettle], await SearchAsync("hafiz osm"));
        Assert.Equal([toaster], await SearchAsync("SRCH-1002"));
        Assert.Equal([toaster], await SearchAsync("013-0000002"));
        Assert.Empty(await SearchAsync("kettle priya"));
        var bad = await _client.GetAsync("/api/orders?q=%21");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Statistics_count_new_orders_by_status_platform_and_day()
    {
        await _client.CreateAsync(OrderRequests.Body("Pos", "STATS-1", phone: "+60140000001", email: "s1@example.com"));
        await _client.CreateAsync(OrderRequests.Body("Pos", "STATS-2", phone: "+60140000002", email: "s2@example.com"));

        var stats = await _client.GetFromJsonAsync<JsonElement>("/api/orders/stats?platform=Pos");

        var pending = stats.GetProperty("byStatusAndPlatform").EnumerateArray().Single(c => c.GetProperty("status").GetString() == "Pending");
        Assert.Equal(2, pending.GetProperty("count").GetInt64());
        var revenue = Assert.Single(stats.GetProperty("revenueByDay").EnumerateArray());
        Assert.Equal(2 * 84.80m, revenue.GetProperty("revenue").GetDecimal());
        Assert.Equal(2, stats.GetProperty("ordersPerHour").EnumerateArray().Sum(h => h.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task Export_streams_the_filtered_list_as_csv()
    {
        await _client.CreateAsync(OrderRequests.Body("Shopee", "CSV-1, \"quoted\"", phone: "+60150000001", email: "c1@example.com", sku: "CSV-ONLY-1"));

        var response = await _client.GetAsync("/api/orders/export.csv?q=csv-only-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,platform,accountId,platformOrderId", lines[0]);
        Assert.Single(lines.Skip(1));
        Assert.Contains("\"CSV-1, \"\"quoted\"\"\"", lines[1]);
    }

    private async Task<List<Guid>> SearchAsync(string q)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/orders?q={Uri.EscapeDataString(q)}");
        return page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
    }
}
