using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Realtime;
using OrderActors.ApiHost.Security;
using OrderActors.Events;

namespace OrderActors.ApiHost.Apis;

/// <summary><c>GET /api/events?after=N&amp;limit=M</c>: the feed for clients that cannot hold a socket.</summary>
public static class EventsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public sealed record EventPage(IReadOnlyList<FeedMessage> Items, long Last);

    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events").WithTags("Events");
        group.MapGet("/", ReadEvents)
            .Produces<EventPage>()
            .ProducesValidationProblem()
            .RequirePermission(Permissions.EventsRead);
        return group;
    }

    /// <summary>The readable events after <paramref name="after"/>, in position order; <c>last</c> is where to continue from.</summary>
    private static async Task<IResult> ReadEvents(HttpContext http, IEventLog log, long? after, int? limit, CancellationToken ct)
    {
        var validation = new Validation()
            .Require(after is null or >= 0, "after", "after must be a position (0 or more).")
            .Require(limit is null or (>= 1 and <= MaxLimit), "limit", $"limit must be between 1 and {MaxLimit}.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        var audience = FeedAudience.For(http.User);
        var from = after ?? 0;
        var events = await log.ReadAsync(from, limit ?? DefaultLimit, audience.Permissions, ct);
        var items = events.Where(audience.MayRead).Select(FeedMessage.From).ToList();
        return TypedResults.Ok(new EventPage(items, events.Count > 0 ? events[^1].Position : from));
    }
}
