using System.Text;
using OrderActors.IntegrationTests.Orders;
using OrderActors.Marketplaces;
using OrderActors.Marketplaces.Webhooks;
using OrderActors.Orders;
using Xunit;

namespace OrderActors.IntegrationTests.Marketplaces;

/// <summary>
/// The inbox store on both dialects: a stored delivery is leased back whole, once, and a processed one is not leased
/// again. (MariaDB hands CHAR(36) columns back as Guid, SQLite as text; a lease that failed on either lost every
/// webhook of that mode.)
/// </summary>
public sealed class WebhookInboxStoreTests
{
    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task A_stored_delivery_is_leased_back_whole_and_once(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "inbox");
        var inbox = new WebhookInbox(database, TimeProvider.System);
        var accountId = Guid.NewGuid();
        var delivery = new WebhookDelivery
        {
            Body = Encoding.UTF8.GetBytes("{\"id\":42}"),
            Headers = new Dictionary<string, string> { ["x-shopify-event-id"] = "evt-1" },
            CallbackUrl = $"http://localhost/webhooks/shopify/{accountId}",
        };

        Assert.True(await inbox.AddAsync(SourcePlatform.Shopify, accountId, "evt-1", "42", delivery, CancellationToken.None));
        await inbox.AddAsync(SourcePlatform.Shopify, accountId, "evt-1", "42", delivery, CancellationToken.None); // redelivered

        var leased = Assert.Single(await inbox.LeaseDueAsync(10, CancellationToken.None));
        Assert.Equal(accountId, leased.AccountId);
        Assert.Equal(SourcePlatform.Shopify, leased.Platform);
        Assert.Equal(delivery.Body, leased.Delivery.Body);
        Assert.Equal("evt-1", leased.Delivery.Headers["x-shopify-event-id"]);
        Assert.Empty(await inbox.LeaseDueAsync(10, CancellationToken.None));

        await inbox.MarkProcessedAsync(leased.Id, CancellationToken.None);
        Assert.Empty(await inbox.LeaseDueAsync(10, CancellationToken.None));
    }
}
