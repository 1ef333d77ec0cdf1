using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Events;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary><c>/hubs/orders</c> accepts the dashboard's auth cookie as well as a bearer token, and nothing else.</summary>
public sealed class HubCookieAuthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private IEventFeedGrain Feed => factory.Services.GetRequiredService<IClusterClient>().GetGrain<IEventFeedGrain>(IEventFeedGrain.Key);

    [Fact]
    public async Task The_dashboard_cookie_and_a_bearer_token_both_authenticate_the_hub_and_a_signed_out_cookie_does_not()
    {
        var cookie = await SignInWithCookieAsync();
        await using var browser = await FeedListener.ConnectWithCookieAsync(factory, cookie);
        await using var app = await FeedListener.ConnectAsync(factory, FeedListener.Token(factory, "cookie-test-bearer", [Permissions.EventsRead, Permissions.OrdersRead]));
        var order = TestEvents.Create(FeedEventTypes.OrderReceived);

        await Feed.Append([order]);

        await browser.WaitForEventAsync(order.EventId);
        await app.WaitForEventAsync(order.EventId);
        var stats = await browser.Connection.InvokeAsync<JsonElement>("GetStats");
        Assert.Equal(FeedEventTypes.StatsChanged, stats.GetProperty("type").GetString());

        await Assert.ThrowsAnyAsync<Exception>(() => FeedListener.ConnectWithCookieAsync(factory, $"{SecuritySchemes.CookieName}=forged-value"));
        using var signOut = factory.CreateClient();
        signOut.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.NoContent, (await signOut.PostAsync("/api/auth/cookie/sign-out", null)).StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => FeedListener.ConnectWithCookieAsync(factory, cookie));
    }

    private async Task<string> SignInWithCookieAsync()
    {
        using var client = factory.CreateClient();
        var signIn = await client.PostAsJsonAsync("/api/auth/cookie", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        return signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SecuritySchemes.CookieName, StringComparison.Ordinal)).Split(';')[0];
    }
}
