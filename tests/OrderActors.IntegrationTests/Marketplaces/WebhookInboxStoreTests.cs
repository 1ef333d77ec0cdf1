using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
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

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Concurrent_deliveries_are_group_committed_and_each_event_stored_once(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "inboxgc");
        var inbox = new WebhookInbox(database, TimeProvider.System);
        var accountId = Guid.NewGuid();
        await using var writer = new WebhookInboxWriter(inbox, database, NullLogger<WebhookInboxWriter>.Instance);

        // 150 events, each delivered twice at the same moment (repeats inside one batch or across batches), then all again.
        InboxEntry Entry(int n) => new(SourcePlatform.Shopify, accountId, $"evt-{n}", $"{1000 + n}", new WebhookDelivery
        {
            Body = Encoding.UTF8.GetBytes($"{{\"id\":{1000 + n}}}"),
            Headers = new Dictionary<string, string> { ["x-shopify-event-id"] = $"evt-{n}" },
            CallbackUrl = $"http://localhost/webhooks/shopify/{accountId}",
        });
        var first = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(() => writer.AddAsync(Entry(i % 150), CancellationToken.None))));
        Assert.Contains(true, first);
        Assert.Equal(150, await inbox.CountAsync(accountId, CancellationToken.None));
        var again = await Task.WhenAll(Enumerable.Range(0, 150).Select(i => Task.Run(() => writer.AddAsync(Entry(i), CancellationToken.None))));
        Assert.DoesNotContain(true, again); // nothing new: every event was already stored
        Assert.Equal(150, await inbox.CountAsync(accountId, CancellationToken.None));

        var leased = new List<InboxItem>();
        for (var batch = await inbox.LeaseDueAsync(64, CancellationToken.None); batch.Count > 0; batch = await inbox.LeaseDueAsync(64, CancellationToken.None))
        {
            leased.AddRange(batch);
        }
        Assert.Equal(150, leased.Select(i => i.Delivery.Header("x-shopify-event-id")).Distinct().Count());
        Assert.All(leased, i => Assert.Equal(i.PlatformOrderId, JsonDocument.Parse(i.Delivery.Body).RootElement.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Concurrent_batch_leases_never_share_a_row_and_a_batch_is_marked_applied_in_one_go(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "inboxlease");
        var inbox = new WebhookInbox(database, TimeProvider.System);
        var accountId = Guid.NewGuid();
        var entries = Enumerable.Range(0, 120).Select(n => new InboxEntry(SourcePlatform.TikTokShop, accountId, $"n-{n}", $"{n % 7}", new WebhookDelivery
        {
            Body = Encoding.UTF8.GetBytes("{}"),
            Headers = new Dictionary<string, string>(),
            CallbackUrl = "http://localhost/",
        })).ToList();
        Assert.Equal(120, await inbox.AddBatchAsync(entries, CancellationToken.None));

        var leases = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => inbox.LeaseDueAsync(50, CancellationToken.None))));
        var ids = leases.SelectMany(l => l.Select(i => i.Id)).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count()); // no row in two leases
        Assert.All(leases, l => Assert.Equal(l.Select(i => i.Id).Order(), l.Select(i => i.Id))); // each lease in inbox order

        await inbox.MarkProcessedAsync(ids, CancellationToken.None);
        var rest = await inbox.LeaseDueAsync(500, CancellationToken.None);
        Assert.Equal(120 - ids.Count, rest.Count);
        Assert.Empty(rest.Select(i => i.Id).Intersect(ids));

        // A processor that stops gives its rows back at once instead of leaving them to the lease timeout.
        await inbox.ReleaseAsync(rest.Select(i => i.Id).ToList(), CancellationToken.None);
        Assert.Equal(rest.Count, (await inbox.LeaseDueAsync(500, CancellationToken.None)).Count);
    }
}
