using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace OrderActors.IntegrationTests.Orders;

/// <summary>HTTP helpers for the orders API tests.</summary>
internal static class OrderRequests
{
    public static string Body(string platform, string platformOrderId, string phone = "+60123456789", string email = "siti@example.com",
        string sku = "TEE-RED-M", int quantity = 2, string name = "Siti Rahman", string? orderDate = null) => $$"""
        {"platform":"{{platform}}","platformOrderId":"{{platformOrderId}}",
         "customer":{"name":"{{name}}","email":"{{email}}","phone":"{{phone}}"},
         "currency":"MYR","items":[{"sku":"{{sku}}","name":"Item {{sku}}","quantity":{{quantity}},"unitPrice":39.90}],
         "shippingFee":5.00{{(orderDate is null ? "" : $",\"orderDate\":\"{orderDate}\"")}}}
        """;

    public static async Task<Guid> CreateAsync(this HttpClient client, string body)
    {
        var response = await client.PostAsync("/api/orders", Json(body));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> CommandAsync(this HttpClient client, Guid id, string command, string? body = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{id}/{command}") { Content = body is null ? null : Json(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return client.SendAsync(request);
    }

    public static async Task<JsonElement> DetailAsync(this HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Polls until <paramref name="condition"/> holds or the deadline passes (then the last check fails the test).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }
}
