using System.Security.Claims;
using OrderActors.ApiHost.Realtime;
using OrderActors.Events;

namespace OrderActors.UnitTests.Realtime;

public sealed class FeedAudienceTests
{
    private static readonly FeedEvent OrderEvent = new()
    {
        EventId = Guid.NewGuid(),
        Type = FeedEventTypes.OrderReceived,
        OccurredAt = DateTimeOffset.UnixEpoch,
        RequiredPermission = "orders.read",
        Platform = "Shopify",
        OrderId = Guid.NewGuid(),
        AssigneeUserId = "u-1",
        Role = "packer",
    };

    private static FeedAudience For(string subject, params string[] permissions) =>
        FeedAudience.For(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", subject), .. permissions.Select(p => new Claim("perm", p)), new Claim("role", "packer")], "test")));

    [Fact]
    public void Without_the_events_permission_nothing_is_wanted_even_when_a_subscription_matches()
    {
        var audience = For("u-1", "tasks.work");
        audience = audience with { Subscriptions = [new FeedSubscription(FeedSubscriptionKind.OwnTasks, "")] };

        Assert.False(audience.MayRead(OrderEvent));
        Assert.False(audience.Wants(OrderEvent));
    }

    [Fact]
    public void Without_subscriptions_every_readable_event_is_wanted()
    {
        Assert.True(For("u-2", "orders.read").Wants(OrderEvent));
    }

    [Theory]
    [InlineData(FeedSubscriptionKind.Platform, "shopify", true)]
    [InlineData(FeedSubscriptionKind.Platform, "Lazada", false)]
    [InlineData(FeedSubscriptionKind.OwnTasks, "", true)]
    [InlineData(FeedSubscriptionKind.RoleTasks, "Packer", true)]
    [InlineData(FeedSubscriptionKind.RoleTasks, "picker", false)]
    public void A_subscription_narrows_to_matching_events(FeedSubscriptionKind kind, string value, bool wanted)
    {
        var audience = For("u-1", "orders.read") with { Subscriptions = [new FeedSubscription(kind, value)] };

        Assert.Equal(wanted, audience.Wants(OrderEvent));
    }

    [Fact]
    public void An_order_subscription_matches_only_that_order()
    {
        var audience = For("u-1", "orders.read") with { Subscriptions = [new FeedSubscription(FeedSubscriptionKind.Order, OrderEvent.OrderId!.Value.ToString("D"))] };

        Assert.True(audience.Wants(OrderEvent));
        Assert.False(audience.Wants(OrderEvent with { OrderId = Guid.NewGuid() }));
    }

    [Fact]
    public void A_payload_that_is_not_json_is_delivered_as_a_string_instead_of_breaking_the_feed()
    {
        var message = FeedMessage.From(OrderEvent with { Payload = "not json {" });

        Assert.Equal("not json {", message.Payload.GetString());
        Assert.Equal(84.80m, FeedMessage.From(OrderEvent with { Payload = """{"total":84.80}""" }).Payload.GetProperty("total").GetDecimal());
    }

    private static readonly FeedEvent TaskEvent = OrderEvent with
    {
        Type = FeedEventTypes.WorkflowTaskAssigned,
        RequiredPermission = "tasks.work",
        AssigneeUserId = "u-1",
        Role = "picker",
        Roles = ["picker", "supervisor"],
    };

    [Theory]
    [InlineData("u-1", "picker-less", false, true)] // the assignee
    [InlineData("u-9", "picker", false, true)] // holds the step's role
    [InlineData("u-9", "supervisor", false, true)] // holds the escalation role
    [InlineData("u-9", "packer", true, true)] // oversees all tasks
    [InlineData("u-9", "packer", false, false)] // a worker of another queue
    public void A_task_event_is_read_only_by_its_assignee_its_roles_and_task_overseers(string subject, string role, bool manages, bool readable)
    {
        string[] permissions = manages ? ["tasks.work", "workflows.manage"] : ["tasks.work"];
        var audience = FeedAudience.For(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", subject), .. permissions.Select(p => new Claim("perm", p)), new Claim("role", role)], "test")));

        Assert.Equal(readable, audience.MayRead(TaskEvent));
        Assert.Equal(readable, audience.MayRead(TaskEvent with { Type = FeedEventTypes.WorkflowTaskCompleted }));
        Assert.False(FeedAudience.For(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u-1"), new Claim("perm", "orders.read")], "test"))).MayRead(TaskEvent));
    }

    [Fact]
    public void A_role_subscription_matches_any_of_the_task_roles()
    {
        var audience = For("u-1", "tasks.work") with { Subscriptions = [new FeedSubscription(FeedSubscriptionKind.RoleTasks, "Supervisor")] };

        Assert.True(audience.Wants(TaskEvent));
    }

    [Fact]
    public void Wanting_a_whole_batch_agrees_with_wanting_each_of_its_events()
    {
        FeedEvent Make(string type, string permission, string? assignee = null, string? role = null, string platform = "Shopify") => new()
        {
            EventId = Guid.NewGuid(),
            Type = type,
            OccurredAt = DateTimeOffset.UnixEpoch,
            RequiredPermission = permission,
            Platform = platform,
            AssigneeUserId = assignee,
            Role = role,
        };
        FeedBatch[] batches =
        [
            new([Make(FeedEventTypes.OrderReceived, "orders.read"), Make(FeedEventTypes.OrderStatusChanged, "orders.read")]),
            new([Make(FeedEventTypes.OrderReceived, "orders.read"), Make(FeedEventTypes.ReturnRequested, "returns.write")]),
            new([Make(FeedEventTypes.OrderReceived, "orders.read", platform: "Lazada")]),
            new([Make(FeedEventTypes.OrderReceived, "orders.read"), Make(FeedEventTypes.WorkflowTaskAssigned, "orders.read", assignee: "u-9", role: "picker")]),
            new([Make(FeedEventTypes.WorkflowTaskAssigned, "orders.read", assignee: "u-1")]),
        ];
        FeedAudience[] audiences =
        [
            For("u-1", "orders.read"),
            For("u-1", "orders.read", "returns.write"),
            For("u-2", "orders.read", "returns.write", "workflows.manage"),
            For("u-3", "returns.write"),
            For("u-1", "orders.read") with { Subscriptions = [new FeedSubscription(FeedSubscriptionKind.Platform, "Shopify")] },
        ];

        foreach (var audience in audiences)
        {
            foreach (var batch in batches)
            {
                Assert.Equal(batch.Events.All(audience.Wants), audience.WantsAll(batch));
            }
        }
        Assert.True(audiences[1].WantsAll(batches[1]));
        Assert.False(audiences[0].WantsAll(batches[1]));
        Assert.False(audiences[0].WantsAll(batches[3]));
        Assert.True(audiences[2].WantsAll(batches[3]));
    }
}

