using System.Net.Http.Json;
using System.Text.Json;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>Reads the whole feed through <c>GET /api/events</c>, page by page, as the caller may see it.</summary>
public static class FeedPages
{
    public static async Task<List<JsonElement>> ReadAllAsync(HttpClient client)
    {
        var all = new List<JsonElement>();
        var after = 0L;
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/events?after={after}&limit=500");
            all.AddRange(page.GetProperty("items").EnumerateArray());
            var last = page.GetProperty("last").GetInt64();
            if (last == after)
            {
                return all;
            }
            after = last;
        }
    }

    public static Guid? PayloadGuid(JsonElement message, string property) =>
        message.GetProperty("payload") is { ValueKind: JsonValueKind.Object } payload && payload.TryGetProperty(property, out var value)
            && value.TryGetGuid(out var id) ? id : null;
}
