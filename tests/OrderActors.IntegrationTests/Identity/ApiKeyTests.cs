using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class ApiKeyTests(ApiFactory factory)
{
    private async Task<(string Id, string Key)> CreateKeyAsync(HttpClient admin, params string[] permissions)
    {
        var response = await admin.PostJsonAsync("/api/api-keys", new { name = "POS terminal 3", permissions });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    private HttpClient KeyClient(string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(SecuritySchemes.ApiKeyHeader, key);
        return client;
    }

    [Fact]
    public async Task A_key_reaches_exactly_its_permissions_is_shown_once_and_stops_working_when_revoked()
    {
        using var admin = factory.CreateAdminClient();
        var (id, key) = await CreateKeyAsync(admin, Permissions.OrdersRead);
        using var machine = KeyClient(key);

        Assert.Equal(HttpStatusCode.OK, (await machine.GetAsync("/api/orders?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.PostAsync("/api/orders", IdentityHttp.Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await machine.GetAsync("/api/users")).StatusCode);

        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/api-keys");
        var entry = listed.EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.False(entry.TryGetProperty("key", out _));
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);
        Assert.StartsWith(entry.GetProperty("keyPrefix").GetString()!, key, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/api-keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/api-keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await machine.GetAsync("/api/orders?limit=1")).StatusCode);

        Assert.Single(await factory.AuditAsync($"action=api_keys.create&target={id}"));
        Assert.Single(await factory.AuditAsync($"action=api_keys.revoke&target={id}"));
    }

    [Fact]
    public async Task Actions_taken_with_a_key_are_audited_as_that_key()
    {
        using var admin = factory.CreateAdminClient();
        var (id, key) = await CreateKeyAsync(admin, Permissions.OrdersWrite, Permissions.OrdersRead);
        using var machine = KeyClient(key);
        var order = """
            {"platform":"Pos","platformOrderId":"KEY-AUDIT-1","customer":{"name":"Walk-in"},"currency":"MYR",
             "items":[{"sku":"S","name":"N","quantity":1,"unitPrice":1}]}
            """;

        var created = await machine.PostAsync("/api/orders", IdentityHttp.Json(order));

        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var entries = await factory.AuditAsync($"actorId={id}");
        var entry = Assert.Single(entries);
        Assert.Equal("ApiKey", entry.GetProperty("actorKind").GetString());
        Assert.Equal("POST /api/orders/", entry.GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_key_cannot_be_given_permissions_its_creator_does_not_hold()
    {
        using var limitedAdmin = factory.CreateClientWithPermissions(Permissions.UsersManage, Permissions.OrdersRead);

        var response = await limitedAdmin.PostJsonAsync("/api/api-keys", new { name = "too much", permissions = new[] { Permissions.OrdersRead, Permissions.BillingWrite } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("permissions[1]", out _));
    }

    [Fact]
    public async Task Unknown_and_malformed_keys_are_401()
    {
        using var unknown = KeyClient("oak_" + new string('A', 43));
        using var malformed = KeyClient("not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync("/api/orders?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await malformed.GetAsync("/api/orders?limit=1")).StatusCode);
    }
}
