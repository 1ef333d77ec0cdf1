using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Realtime;
using OrderActors.ApiHost.Security;
using OrderActors.Notifications;

namespace OrderActors.ApiHost.Apis;

/// <summary>The caller's notifications (kept while they are away) and their notification preferences.</summary>
public static class NotificationsApi
{
    public const int MaxLimit = 200;

    public sealed record NotificationItem(long Id, long Position, Guid EventId, string Type, JsonElement Payload, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

    public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, int Unread);

    public sealed record PreferencesBody(bool? NewOrders, bool? AssignedTasks, bool? SyncFailures, bool? Returns, bool? InApp, bool? Email, string? EmailAddress);

    public sealed record PreferencesView(bool NewOrders, bool AssignedTasks, bool SyncFailures, bool Returns, bool InApp, bool Email, string? EmailAddress);

    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications");
        group.MapGet("/", List).Produces<NotificationPage>().ProducesValidationProblem().RequirePermission(Permissions.EventsRead);
        group.MapPost("/{id:long}/read", MarkRead).RequirePermission(Permissions.EventsRead);
        group.MapGet("/preferences", GetPreferences).RequirePermission(Permissions.EventsRead);
        group.MapPut("/preferences", SavePreferences)
            .Accepts<PreferencesBody>("application/json")
            .Produces<PreferencesView>()
            .ProducesValidationProblem()
            .RequirePermission(Permissions.EventsRead);
        return group;
    }

    private static async Task<IResult> List(HttpContext http, INotificationStore store, bool? unreadOnly, int? limit, CancellationToken ct)
    {
        var validation = new Validation().Require(limit is null or (>= 1 and <= MaxLimit), "limit", $"limit must be between 1 and {MaxLimit}.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        var (userId, permissions) = Caller(http.User);
        var items = await store.ListAsync(userId, unreadOnly ?? false, permissions, limit ?? 50, ct);
        var unread = await store.CountUnreadAsync(userId, permissions, ct);
        return TypedResults.Ok(new NotificationPage(
            items.Select(n => new NotificationItem(n.Id, n.Position, n.EventId, n.Type, FeedMessage.ParsePayload(n.Payload), n.CreatedAt, n.ReadAt)).ToList(),
            unread));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(long id, HttpContext http, INotificationStore store, TimeProvider time, CancellationToken ct)
    {
        var (userId, _) = Caller(http.User);
        return await store.MarkReadAsync(userId, id, time.GetUtcNow(), ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(title: "Notification not found.", detail: $"You have no notification {id}.", statusCode: StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<PreferencesView>> GetPreferences(HttpContext http, INotificationStore store, CancellationToken ct)
    {
        var (userId, permissions) = Caller(http.User);
        var saved = await store.GetPreferencesAsync(userId, ct) ?? NotificationPreferences.Default(userId, [.. permissions]);
        return TypedResults.Ok(View(saved));
    }

    private static async Task<IResult> SavePreferences(HttpRequest request, INotificationStore store, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<PreferencesBody>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (userId, permissions) = Caller(request.HttpContext.User);
        var current = await store.GetPreferencesAsync(userId, ct) ?? NotificationPreferences.Default(userId, [.. permissions]);
        var next = current with
        {
            NewOrders = body!.NewOrders ?? current.NewOrders,
            AssignedTasks = body.AssignedTasks ?? current.AssignedTasks,
            SyncFailures = body.SyncFailures ?? current.SyncFailures,
            Returns = body.Returns ?? current.Returns,
            InApp = body.InApp ?? current.InApp,
            Email = body.Email ?? current.Email,
            EmailAddress = body.EmailAddress ?? current.EmailAddress,
            Permissions = [.. permissions.Order(StringComparer.Ordinal)],
        };
        var validation = new Validation()
            .Require(!next.Email || next.EmailAddress is { Length: > 0 }, "emailAddress", "An email address is required to be notified by email.")
            .Require(next.EmailAddress is null || (next.EmailAddress.Length <= 254 && next.EmailAddress.Contains('@', StringComparison.Ordinal)), "emailAddress", "emailAddress is not an email address.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        await store.SavePreferencesAsync(next, time.GetUtcNow(), ct);
        return TypedResults.Ok(View(next));
    }

    private static (string UserId, IReadOnlyCollection<string> Permissions) Caller(ClaimsPrincipal user)
    {
        var audience = FeedAudience.For(user);
        return (audience.UserId ?? throw new InvalidOperationException("An authenticated caller always has a subject."), audience.Permissions);
    }

    private static PreferencesView View(NotificationPreferences p) =>
        new(p.NewOrders, p.AssignedTasks, p.SyncFailures, p.Returns, p.InApp, p.Email, p.EmailAddress);
}
