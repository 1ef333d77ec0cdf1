using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Security;

namespace OrderActors.IntegrationTests.Returns;

/// <summary>GET /api/returns on the real embedded host: returns appear in the queue as their grains change.</summary>
public sealed class ReturnsListApiTests(ReturnsApiFactory factory) : IClassFixture<ReturnsApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(Permissions.PosUse, Permissions.ReturnsWrite, Permissions.ReturnsApprove);

    [Fact]
    public async Task The_queue_lists_filters_and_pages_returns_and_follows_their_status()
    {
        var customer = $"Queue Customer {Guid.NewGuid():N}";
        var orderId = await CreatePosOrderAsync($"R-LIST-{Guid.NewGuid():N}", customer);
        var mail = await CreateReturnAsync(orderId, "Mail");
        var inStore = await CreateReturnAsync(orderId, "InStore");

        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/returns?orderId={orderId}");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(new[] { inStore.GetProperty("id").GetGuid(), mail.GetProperty("id").GetGuid() }.ToHashSet(), items.Select(i => i.GetProperty("id").GetGuid()).ToHashSet());
        Assert.True(items[0].GetProperty("createdAt").GetDateTimeOffset() >= items[1].GetProperty("createdAt").GetDateTimeOffset());
        var mailRow = items.Single(i => i.GetProperty("id").GetGuid() == mail.GetProperty("id").GetGuid());
        Assert.Equal(mail.GetProperty("rmaNumber").GetString(), mailRow.GetProperty("rmaNumber").GetString());
        Assert.Equal(orderId, mailRow.GetProperty("orderId").GetGuid());
        Assert.Equal("Approved", mailRow.GetProperty("status").GetString());
        Assert.Equal("Mail", mailRow.GetProperty("channel").GetString());
        Assert.Equal(55000m, mailRow.GetProperty("value").GetDecimal());
        Assert.Equal("IDR", mailRow.GetProperty("currency").GetString());
        Assert.True(mailRow.TryGetProperty("createdAt", out _) && mailRow.TryGetProperty("updatedAt", out _));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);

        var paged = await _client.GetFromJsonAsync<JsonElement>($"/api/returns?q={Uri.EscapeDataString(customer)}&limit=1");
        Assert.Equal(items[0].GetProperty("id").GetGuid(), paged.GetProperty("items")[0].GetProperty("id").GetGuid());
        var next = paged.GetProperty("next").GetString();
        var second = await _client.GetFromJsonAsync<JsonElement>($"/api/returns?q={Uri.EscapeDataString(customer)}&limit=1&after={next}");
        Assert.Equal(items[1].GetProperty("id").GetGuid(), Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        var byRma = await _client.GetFromJsonAsync<JsonElement>($"/api/returns?q={mail.GetProperty("rmaNumber").GetString()}");
        Assert.Equal(mail.GetProperty("id").GetGuid(), Assert.Single(byRma.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var cancel = await _client.PostAsJsonAsync($"/api/returns/{inStore.GetProperty("id").GetGuid()}/cancel", new { reason = "kept it" });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var cancelled = await _client.GetFromJsonAsync<JsonElement>($"/api/returns?orderId={orderId}&status=Cancelled&channel=InStore");
        Assert.Equal(inStore.GetProperty("id").GetGuid(), Assert.Single(cancelled.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var open = await _client.GetFromJsonAsync<JsonElement>($"/api/returns?orderId={orderId}&status=Requested,Approved");
        Assert.Equal(mail.GetProperty("id").GetGuid(), Assert.Single(open.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var oldest = items[1].GetProperty("createdAt").GetDateTimeOffset();
        var before = await _client.GetFromJsonAsync<JsonElement>($"/api/returns?orderId={orderId}&to={Uri.EscapeDataString(oldest.ToString("O"))}");
        Assert.Empty(before.GetProperty("items").EnumerateArray());
        var since = await _client.GetFromJsonAsync<JsonElement>($"/api/returns?orderId={orderId}&from={Uri.EscapeDataString(oldest.ToString("O"))}");
        Assert.Equal(2, since.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("status=Lost", "status")]
    [InlineData("orderId=not-a-guid", "orderId")]
    [InlineData("channel=Pigeon", "channel")]
    [InlineData("limit=0", "limit")]
    [InlineData("after=garbage", "after")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    public async Task Bad_filters_are_a_400_naming_the_parameter(string query, string field)
    {
        var response = await _client.GetAsync($"/api/returns?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    private async Task<JsonElement> CreateReturnAsync(Guid orderId, string channel)
    {
        var response = await _client.PostAsJsonAsync("/api/returns",
            new { orderId, channel, location = "STORE1-FLOOR", items = new[] { new { sku = "TEE-RED-M", quantity = 1, reasonCode = "size-fit" } } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<Guid> CreatePosOrderAsync(string receipt, string customer)
    {
        var json = $$"""
            {"platform":"Pos","platformOrderId":"{{receipt}}","terminalId":"T-01","storeId":"STORE1","customer":{"name":"{{customer}}"},
             "currency":"IDR","items":[{"sku":"TEE-RED-M","name":"Item","quantity":2,"unitPrice":55000}]}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/pos/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", $"order-{receipt}");
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
