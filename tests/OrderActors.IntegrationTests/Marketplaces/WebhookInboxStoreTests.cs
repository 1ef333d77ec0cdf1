using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
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

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Applied_deliveries_older_than_the_retention_are_removed_and_unapplied_ones_are_kept(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "inboxclean");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var inbox = new WebhookInbox(database, clock);
        var accountId = Guid.NewGuid();
        InboxEntry Entry(string eventId) => new(SourcePlatform.Shopify, accountId, eventId, "42", new WebhookDelivery
        {
            Body = Encoding.UTF8.GetBytes("{\"id\":42}"),
            Headers = new Dictionary<string, string> { ["x-shopify-event-id"] = eventId },
            CallbackUrl = $"http://localhost/webhooks/shopify/{accountId}",
        });
        var housekeeper = new WebhookInboxHousekeeper(inbox, Options.Create(new MarketplaceOptions { WebhookInboxRetention = TimeSpan.FromDays(7) }), clock);

        // Applied eight days ago: more than a batch of them, so the clean-up has to go round more than once.
        var old = WebhookInboxHousekeeper.BatchSize + 2;
        foreach (var chunk in Enumerable.Range(0, old).Chunk(500))
        {
            Assert.Equal(chunk.Length, await inbox.AddBatchAsync(chunk.Select(n => Entry($"old-{n}")).ToList(), CancellationToken.None));
            await inbox.MarkProcessedAsync((await inbox.LeaseDueAsync(500, CancellationToken.None)).Select(i => i.Id).ToList(), CancellationToken.None);
        }
        // Received as long ago but never applied (its order keeps failing): it stays, however old.
        Assert.True(await inbox.AddAsync(SourcePlatform.Shopify, accountId, "stuck", "42", Entry("stuck").Delivery, CancellationToken.None));
        clock.Advance(TimeSpan.FromDays(2));
        // Applied six days ago: inside the retention.
        Assert.True(await inbox.AddAsync(SourcePlatform.Shopify, accountId, "recent", "42", Entry("recent").Delivery, CancellationToken.None));
        var leased = await inbox.LeaseDueAsync(10, CancellationToken.None);
        var recent = leased.Single(i => i.Delivery.Header("x-shopify-event-id") == "recent");
        await inbox.MarkProcessedAsync(recent.Id, CancellationToken.None);
        await inbox.ReleaseAsync([.. leased.Where(i => i != recent).Select(i => i.Id)], CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(6));

        var outcome = await housekeeper.RunAsync(CancellationToken.None);

        Assert.Contains($"removed {old} applied webhook deliveries", outcome);
        Assert.Equal(2, await inbox.CountAsync(accountId, CancellationToken.None));
        Assert.Equal("stuck", Assert.Single(await inbox.LeaseDueAsync(10, CancellationToken.None)).Delivery.Header("x-shopify-event-id"));
        // A redelivery of the recent event is still recognised; one of a removed event is stored again (applying is idempotent).
        Assert.False(await inbox.AddAsync(SourcePlatform.Shopify, accountId, "recent", "42", Entry("recent").Delivery, CancellationToken.None));
        Assert.True(await inbox.AddAsync(SourcePlatform.Shopify, accountId, "old-0", "42", Entry("old-0").Delivery, CancellationToken.None));
        Assert.Equal(0, await housekeeper.RemoveExpiredAsync());
    }
}
