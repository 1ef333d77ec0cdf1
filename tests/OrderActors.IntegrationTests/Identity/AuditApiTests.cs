using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Audit;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class AuditApiTests(ApiFactory factory)
{
    [Fact]
    public async Task The_audit_log_filters_pages_newest_first_and_needs_audit_read()
    {
        var log = factory.Services.GetRequiredService<IAuditLog>();
        var actor = $"svc-{Guid.NewGuid():N}";
        for (var i = 0; i < 5; i++)
        {
            await log.RecordAsync(new AuditEntry { ActorKind = "System", ActorId = actor, Action = "test.thing", Target = $"t{i}", RemoteAddress = "10.0.0.7" });
        }
        await log.RecordAsync(new AuditEntry { ActorKind = "System", ActorId = actor, Action = "test.other", Outcome = AuditOutcome.Failure });
        using var auditor = factory.CreateClientWithPermissions(Permissions.AuditRead);

        var first = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit?actorId={actor}&action=test.thing&limit=3");
        var items = first.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["t4", "t3", "t2"], items.Select(e => e.GetProperty("target").GetString()));
        Assert.Equal("10.0.0.7", items[0].GetProperty("remoteAddress").GetString());
        var before = first.GetProperty("nextBefore").GetInt64();
        var second = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit?actorId={actor}&action=test.thing&limit=3&before={before}");
        Assert.Equal(["t1", "t0"], second.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("target").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextBefore").ValueKind);
        var failures = await auditor.GetFromJsonAsync<JsonElement>($"/api/audit?actorId={actor}&outcome=failure");
        Assert.Equal("test.other", Assert.Single(failures.GetProperty("items").EnumerateArray()).GetProperty("action").GetString());

        using var reader = factory.CreateClientWithPermissions(Permissions.OrdersRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/audit")).StatusCode);
    }

    [Fact]
    public async Task Admin_actions_record_who_did_what_to_which_target()
    {
        using var admin = factory.CreateAdminClient();
        var role = $"Packer{Guid.NewGuid():N}"[..20];

        var put = await admin.PutAsync($"/api/roles/{role}", IdentityHttp.Json($"{{\"description\":\"packs\",\"permissions\":[\"{Permissions.TasksWork}\"]}}"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var delete = await admin.DeleteAsync($"/api/roles/{role}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        var created = Assert.Single(await factory.AuditAsync($"action=roles.create&target={role}"));
        Assert.Equal("User", created.GetProperty("actorKind").GetString());
        Assert.Equal("Test User", created.GetProperty("actorName").GetString());
        Assert.Contains(Permissions.TasksWork, created.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Single(await factory.AuditAsync($"action=roles.delete&target={role}"));
    }
}
