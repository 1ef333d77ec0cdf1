using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Orders;

public sealed class ManualOrderSliceTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string ContractBody = """
        {"platform":"Manual","platformOrderId":"M-1001",
         "customer":{"name":"Siti Rahman","email":"siti@example.com","phone":"+60123456789"},
         "currency":"MYR","items":[{"sku":"TEE-RED-M","name":"Red tee M","quantity":2,"unitPrice":39.90}],
         "shippingFee":5.00}
        """;

    private readonly HttpClient _client = factory.CreateClientWithPermissions(Permissions.OrdersRead, Permissions.OrdersWrite);

    [Fact]
    public async Task Created_order_is_readable_by_id_and_listed_from_the_read_model()
    {
        var body = ContractBody.Replace("M-1001", "M-SLICE-1");
        var created = await _client.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/orders/{id}", created.Headers.Location?.OriginalString);

        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
        Assert.Equal("Manual", detail.GetProperty("platform").GetString());
        Assert.Equal("M-SLICE-1", detail.GetProperty("platformOrderId").GetString());
        Assert.Equal("Pending", detail.GetProperty("status").GetString());
        Assert.Equal("New", detail.GetProperty("workflowStatus").GetString());
        Assert.Equal("Synced", detail.GetProperty("syncStatus").GetString());
        Assert.Equal("MYR", detail.GetProperty("currency").GetString());
        Assert.Equal(84.80m, detail.GetProperty("totals").GetProperty("grandTotal").GetDecimal());
        Assert.Equal("Siti Rahman", detail.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(1, detail.GetProperty("items").GetArrayLength());

        var list = await _client.GetFromJsonAsync<JsonElement>("/api/orders?platform=Manual&limit=500");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Creating_the_same_platform_order_twice_answers_with_the_existing_id()
    {
        var body = ContractBody.Replace("M-1001", "M-SLICE-2");
        var first = await _client.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));
        var second = await _client.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(firstId, secondId);
    }

    [Theory]
    [InlineData("{\"platform\":", "$.platform")]
    [InlineData("""{"platform":"Manual","platformOrderId":"X","customer":{"name":"A"},"currency":"MYR","items":[{"sku":"S","name":"N","quantity":"two","unitPrice":1}]}""", "$.items[0].quantity")]
    [InlineData("""{"platform":"Manual","platformOrderId":"X","customer":{"name":"A"},"currency":"MYR","items":[{"sku":"S","name":"N","quantity":-1,"unitPrice":1}]}""", "items[0].quantity")]
    [InlineData("""{"platform":"Manual","platformOrderId":"X","customer":{"name":"A"},"currency":"MYR","items":[{"sku":"S","name":"N","quantity":1.5,"unitPrice":1}]}""", "items[0].quantity")]
    [InlineData("""{"platform":"Manual","platformOrderId":"X","customer":{"name":"A"},"currency":"XXQ","items":[{"sku":"S","name":"N","quantity":1,"unitPrice":1}]}""", "currency")]
    [InlineData("""{"platform":"Amazon","platformOrderId":"X","customer":{"name":"A"},"currency":"MYR","items":[{"sku":"S","name":"N","quantity":1,"unitPrice":1}]}""", "platform")]
    [InlineData("""{"platform":"Manual","customer":{"name":"A"},"currency":"MYR","items":[{"sku":"S","name":"N","quantity":1,"unitPrice":1}]}""", "platformOrderId")]
    [InlineData("""{"platform":"Manual","platformOrderId":"X","currency":"MYR","items":[{"sku":"S","name":"N","quantity":1,"unitPrice":1}]}""", "customer")]
    [InlineData("""{"platform":"Manual","platformOrderId":"X","customer":{"name":"A"},"currency":"MYR","items":[{"sku":"S","name":"N","quantity":1,"unitPrice":1}],"grandTotal":99}""", "grandTotal")]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_stores_nothing(string body, string field)
    {
        var before = await CountManualOrders();

        var response = await _client.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(before, await CountManualOrders());
    }

    private async Task<int> CountManualOrders()
    {
        var list = await _client.GetFromJsonAsync<JsonElement>("/api/orders?platform=Manual&limit=500");
        return list.GetProperty("items").GetArrayLength();
    }
}
