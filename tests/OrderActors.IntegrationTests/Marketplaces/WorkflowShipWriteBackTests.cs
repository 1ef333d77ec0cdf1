using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrderActors.ApiHost.Security;
using OrderActors.Orders;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>The workflow Ship step ships the order itself, so a marketplace order's pack and shipment reach the platform.</summary>
public sealed class WorkflowShipWriteBackTests(MarketplaceFixture fixture) : IClassFixture<MarketplaceFixture>
{
    private readonly AccountApiClient _accounts = new(fixture);
    private readonly HttpClient _admin = fixture.Api.CreateClientWithPermissions(Permissions.All.ToArray());

    [Fact]
    public async Task A_flow_that_packs_and_ships_a_Lazada_order_pushes_pack_and_ready_to_ship()
    {
        var shop = await SimulatedShop.CreateAsync(fixture.Simulator, SourcePlatform.Lazada);
        var started = DateTimeOffset.UtcNow;
        var accountId = await _accounts.ConnectAsync(shop);
        await _accounts.WaitForSyncAsync(accountId, started);

        var flow = $"mp-ship-{Guid.NewGuid():N}"[..20];
        var created = await _admin.PostAsJsonAsync("/api/workflows", new
        {
            id = flow,
            name = "Pack and ship automatically",
            trigger = "OrderReceived",
            appliesTo = $"account == '{accountId}'",
            priority = 900,
            steps = new object[]
            {
                new { id = "accept", type = "SetStatus", config = new { status = "Accepted" }, next = "start" },
                new { id = "start", type = "SetStatus", config = new { status = "InProgress" }, next = "pack" },
                new { id = "pack", type = "Packing", autoExecute = true, assignedRole = "Warehouse", next = "ship" },
                new { id = "ship", type = "Ship", autoExecute = true, assignedRole = "Warehouse", config = new { carrier = "LEX MY" } },
            },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var orderId = (await shop.CreateOrdersAsync(1))[0];
        var beforePoll = DateTimeOffset.UtcNow;
        (await _accounts.Http.PostAsync($"/api/platform-accounts/{accountId}/sync", null)).EnsureSuccessStatusCode();
        await _accounts.WaitForSyncAsync(accountId, beforePoll);

        var order = await Eventually.ReturnsAsync(() => _accounts.OrderAsync(SourcePlatform.Lazada, accountId, orderId),
            o => o?.GetProperty("status").GetString() == "Shipped" && o.Value.GetProperty("syncStatus").GetString() == "Synced",
            because: "the flow ships the order and both write-backs reach Lazada");
        Assert.Equal("LEX MY", order!.Value.GetProperty("shipment").GetProperty("carrier").GetString());
        Assert.Equal("Packed", order.Value.GetProperty("workflowStatus").GetString());
        var pushed = (await shop.PushedBackAsync()).Where(p => p.GetProperty("orderId").GetString() == orderId).Select(p => p.GetProperty("action").GetString()).ToList();
        Assert.Equal(["pack", "ready_to_ship"], pushed);
    }
}
