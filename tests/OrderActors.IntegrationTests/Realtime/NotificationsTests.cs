using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderActors.ApiHost.Security;
using OrderActors.Email;
using OrderActors.Events;
using OrderActors.IntegrationTests.Infrastructure;
using OrderActors.Notifications;

namespace OrderActors.IntegrationTests.Realtime;

public sealed class NotificationsTests(NotificationsTests.Factory factory) : IClassFixture<NotificationsTests.Factory>
{
    /// <summary>The real host, with the outgoing email boundary recorded instead of sent.</summary>
    public sealed class Factory : ApiFactory
    {
        public ConcurrentQueue<(string To, string Subject)> Emails { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IEmailSender>();
                services.AddSingleton<IEmailSender>(new RecordingEmailSender(Emails));
            });
        }
    }

    private sealed class RecordingEmailSender(ConcurrentQueue<(string, string)> sent) : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            sent.Enqueue((message.To, message.Subject));
            return Task.CompletedTask;
        }
    }

    private IClusterClient Orleans => factory.Services.GetRequiredService<IClusterClient>();

    [Fact]
    public async Task Offline_users_find_the_notifications_their_preferences_ask_for_and_can_mark_them_read()
    {
        var seller = Client("seller-1", Permissions.EventsRead, Permissions.OrdersRead);
        var packer = Client("packer-1", Permissions.EventsRead, Permissions.TasksWork);
        var saved = await seller.PutAsync("/api/notifications/preferences", Json("""{"newOrders":true,"email":true,"emailAddress":"seller@example.com"}"""));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var order = TestEvents.Create(FeedEventTypes.OrderReceived, """{"platformOrderId":"N-1"}""");
        var task = TestEvents.Create(FeedEventTypes.WorkflowTaskAssigned, """{"task":"Pack N-1"}""", Permissions.TasksWork) with { AssigneeUserId = "packer-1" };
        var returned = TestEvents.Create(FeedEventTypes.ReturnRequested, requiredPermission: Permissions.ReturnsApprove);
        await Feed.Append([order, task, returned]);
        await CatchUpAsync();

        var sellerPage = await seller.GetFromJsonAsync<JsonElement>("/api/notifications");
        var item = Assert.Single(sellerPage.GetProperty("items").EnumerateArray());
        Assert.Equal(order.EventId, item.GetProperty("eventId").GetGuid());
        Assert.Equal("OrderReceived", item.GetProperty("type").GetString());
        Assert.Equal("N-1", item.GetProperty("payload").GetProperty("platformOrderId").GetString());
        Assert.Equal(1, sellerPage.GetProperty("unread").GetInt32());
        Assert.Contains(factory.Emails, e => e.To == "seller@example.com" && e.Subject.Contains("OrderReceived", StringComparison.Ordinal));

        // Users who never chose anything are still told of tasks assigned to them.
        var packerPage = await packer.GetFromJsonAsync<JsonElement>("/api/notifications?unreadOnly=true");
        Assert.Equal([task.EventId], packerPage.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("eventId").GetGuid()));

        var id = item.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await seller.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await seller.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await packer.PostAsync($"/api/notifications/{id}/read", null)).StatusCode);
        var afterRead = await seller.GetFromJsonAsync<JsonElement>("/api/notifications?unreadOnly=true");
        Assert.Equal(0, afterRead.GetProperty("unread").GetInt32());
        Assert.Empty(afterRead.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_changed_preference_applies_to_the_next_event_without_a_restart()
    {
        var seller = Client("seller-2", Permissions.EventsRead, Permissions.OrdersRead);
        await seller.PutAsync("/api/notifications/preferences", Json("""{"newOrders":true}"""));
        var first = TestEvents.Create(FeedEventTypes.OrderReceived);
        await Feed.Append([first]);
        await CatchUpAsync();

        await seller.PutAsync("/api/notifications/preferences", Json("""{"newOrders":false}"""));
        var second = TestEvents.Create(FeedEventTypes.OrderReceived);
        await Feed.Append([second]);
        await CatchUpAsync();

        var page = await seller.GetFromJsonAsync<JsonElement>("/api/notifications");
        Assert.Equal([first.EventId], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("eventId").GetGuid()));
        var preferences = await seller.GetFromJsonAsync<JsonElement>("/api/notifications/preferences");
        Assert.False(preferences.GetProperty("newOrders").GetBoolean());
    }

    [Fact]
    public async Task A_user_is_not_notified_of_events_their_permissions_do_not_cover()
    {
        var clerk = Client("clerk-1", Permissions.EventsRead, Permissions.BillingRead);
        await clerk.PutAsync("/api/notifications/preferences", Json("""{"newOrders":true,"returns":true}"""));
        await Feed.Append([TestEvents.Create(FeedEventTypes.OrderReceived), TestEvents.Create(FeedEventTypes.ReturnRequested, requiredPermission: Permissions.ReturnsApprove)]);
        await CatchUpAsync();

        var page = await clerk.GetFromJsonAsync<JsonElement>("/api/notifications");
        Assert.Empty(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Email_without_an_address_is_a_400_naming_the_field_and_changes_nothing()
    {
        var user = Client("no-address", Permissions.EventsRead, Permissions.OrdersRead);

        var response = await user.PutAsync("/api/notifications/preferences", Json("""{"newOrders":true,"email":true}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("emailAddress", out _), problem.ToString());
        var preferences = await user.GetFromJsonAsync<JsonElement>("/api/notifications/preferences");
        Assert.False(preferences.GetProperty("newOrders").GetBoolean());
        Assert.False(preferences.GetProperty("email").GetBoolean());
    }

    private IEventFeedGrain Feed => Orleans.GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);

    private async Task CatchUpAsync()
    {
        var head = await Feed.GetHead();
        Assert.True(await Orleans.GetGrain<INotificationDispatcherGrain>(INotificationDispatcherGrain.Key).CatchUp() >= head);
    }

    private HttpClient Client(string subject, params string[] permissions)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FeedListener.Token(factory, subject, permissions));
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
