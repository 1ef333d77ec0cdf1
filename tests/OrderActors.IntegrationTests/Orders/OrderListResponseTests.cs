using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>A list page goes out whole: one body with its length (not chunked), the same JSON as before, declared in OpenAPI.</summary>
public sealed class OrderListResponseTests(OrdersApiFactory factory) : IClassFixture<OrdersApiFactory>
{
    private readonly HttpClient _client = factory.CreateClientWithPermissions(Permissions.OrdersRead, Permissions.OrdersWrite);

    [Fact]
    public async Task A_page_is_sent_with_its_content_length_and_pages_on_with_the_cursor()
    {
        var created = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            created.Add(await _client.CreateAsync(OrderRequests.Body("Lazada", $"WHOLE-{i}", phone: $"+6015000000{i}", email: $"w{i}@example.com")));
        }
        var seen = new List<Guid>();
        await OrderRequests.EventuallyAsync(async () =>
        {
            using var probe = await _client.GetAsync("/api/orders?platform=Lazada&limit=500");
            var all = await probe.Content.ReadFromJsonAsync<JsonElement>();
            return created.All(id => all.GetProperty("items").EnumerateArray().Any(o => o.GetProperty("id").GetGuid() == id));
        }, "the three orders in the read model");

        using var first = await _client.GetAsync("/api/orders?platform=Lazada&limit=2");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", first.Content.Headers.ContentType?.CharSet);
        Assert.NotEqual(true, first.Headers.TransferEncodingChunked);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, first.Content.Headers.ContentLength);

        var page = JsonDocument.Parse(bytes).RootElement;
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("Lazada", items[0].GetProperty("platform").GetString());
        Assert.Equal("Pending", items[0].GetProperty("status").GetString());
        seen.AddRange(items.Select(o => o.GetProperty("id").GetGuid()));

        var next = page.GetProperty("next").GetString();
        Assert.False(string.IsNullOrEmpty(next));
        var rest = await _client.GetFromJsonAsync<JsonElement>($"/api/orders?platform=Lazada&limit=2&after={next}");
        seen.AddRange(rest.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        Assert.Equal(created.ToHashSet(), seen.ToHashSet());
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public async Task The_openapi_document_declares_the_page_as_the_200_response_of_the_list()
    {
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var ok = document.GetProperty("paths").GetProperty("/api/orders").GetProperty("get").GetProperty("responses").GetProperty("200");
        var schema = ok.GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains("OrderListPage", schema.GetProperty("$ref").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").GetProperty("/api/orders").GetProperty("get").GetProperty("responses").TryGetProperty("400", out _));
    }
}
