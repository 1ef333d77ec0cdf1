using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Apis.Workflows;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Grains.Workflows;
using OrderActors.Grains.Workflows.Flows;
using OrderActors.Grains.Workflows.Roles;
using OrderActors.Orders;
using OrderActors.Workflows;
using OrderActors.Workflows.ReadModel;

namespace OrderActors.ApiHost.Apis;

/// <summary>Process flows (versions, validation, activation, dry runs) and the workflow instances of an order.</summary>
public static class WorkflowsApi
{
    public static RouteGroupBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Workflows");
        group.MapGet("/", List).RequirePermission(Permissions.WorkflowsManage);
        group.MapPost("/", Create).Accepts<ProcessFlow>("application/json").ProducesValidationProblem().RequirePermission(Permissions.WorkflowsManage);
        group.MapPost("/validate", Validate).Accepts<ProcessFlow>("application/json").RequirePermission(Permissions.WorkflowsManage);
        group.MapGet("/{id}", Get).RequirePermission(Permissions.WorkflowsManage);
        group.MapPut("/{id}", Update).Accepts<ProcessFlow>("application/json").ProducesValidationProblem().RequirePermission(Permissions.WorkflowsManage);
        group.MapGet("/{id}/versions", Versions).RequirePermission(Permissions.WorkflowsManage);
        group.MapGet("/{id}/versions/{version:int}", Version).RequirePermission(Permissions.WorkflowsManage);
        group.MapPost("/{id}/activate", (string id, IClusterClient orleans) => SetActive(id, true, orleans)).RequirePermission(Permissions.WorkflowsManage);
        group.MapPost("/{id}/deactivate", (string id, IClusterClient orleans) => SetActive(id, false, orleans)).RequirePermission(Permissions.WorkflowsManage);
        group.MapPost("/{id}/dry-run", DryRun).Accepts<DryRunRequest>("application/json").RequirePermission(Permissions.WorkflowsManage);

        app.MapGet("/api/orders/{id:guid}/workflows", OrderWorkflows).WithTags("Workflows").RequirePermission(Permissions.OrdersRead);
        return group;
    }

    private static async Task<Ok<FlowList>> List(IClusterClient orleans)
    {
        var flows = await orleans.GetGrain<IFlowCatalogGrain>(0).List();
        return TypedResults.Ok(new FlowList(flows.Select(f => new FlowListItem(f.Id, f.Name, f.Version, f.Active, f.Trigger, f.Priority)).ToList()));
    }

    private static async Task<IResult> Create(HttpRequest request, IClusterClient orleans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ProcessFlow>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (string.IsNullOrWhiteSpace(body!.Id))
        {
            return new Validation().Add("id", "id is required.").ToProblem();
        }
        var result = await orleans.GetGrain<IProcessFlowGrain>(body.Id)
            .Save(body, OperationId(request, "create"), request.HttpContext.User.ToActor().Id, create: true);
        if (result.AlreadyExists)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Flow exists.", detail: $"A flow with id '{body.Id}' exists; PUT /api/workflows/{body.Id} makes a new version.");
        }
        return result.IsValid
            ? TypedResults.Created($"/api/workflows/{result.Saved!.Id}", result.Saved)
            : ToProblem(result.Problems);
    }

    private static async Task<IResult> Update(string id, HttpRequest request, IClusterClient orleans, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ProcessFlow>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var grain = orleans.GetGrain<IProcessFlowGrain>(id);
        if (await grain.GetLatest() is null)
        {
            return NotFound(id);
        }
        var result = await grain.Save(body! with { Id = id }, OperationId(request, "update"), request.HttpContext.User.ToActor().Id);
        return result.IsValid ? TypedResults.Ok(result.Saved) : ToProblem(result.Problems);
    }

    private static async Task<IResult> Validate(HttpRequest request, IRoleCatalog roles, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ProcessFlow>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var problems = FlowValidator.Validate(FlowValidator.Normalize(body!), await roles.GetRolesAsync(ct));
        return TypedResults.Ok(new FlowValidationResponse(problems.Count == 0, problems));
    }

    private static async Task<IResult> Get(string id, IClusterClient orleans) =>
        await orleans.GetGrain<IProcessFlowGrain>(id).GetLatest() is { } flow ? TypedResults.Ok(flow) : NotFound(id);

    private static async Task<IResult> Versions(string id, IClusterClient orleans)
    {
        var versions = await orleans.GetGrain<IProcessFlowGrain>(id).GetVersions();
        return versions.Count == 0 ? NotFound(id) : TypedResults.Ok(new FlowVersionList(id, versions));
    }

    private static async Task<IResult> Version(string id, int version, IClusterClient orleans) =>
        await orleans.GetGrain<IProcessFlowGrain>(id).GetVersion(version) is { } flow
            ? TypedResults.Ok(flow)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Version not found.", detail: $"Flow '{id}' has no version {version}.");

    private static async Task<IResult> SetActive(string id, bool active, IClusterClient orleans) =>
        await orleans.GetGrain<IProcessFlowGrain>(id).SetActive(active) is { } flow
            ? TypedResults.Ok(new FlowListItem(flow.Id, flow.Name, flow.Version, flow.Active, flow.Trigger, flow.Priority))
            : NotFound(id);

    private static async Task<IResult> DryRun(string id, HttpRequest request, IClusterClient orleans, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<DryRunRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }
        var grain = orleans.GetGrain<IProcessFlowGrain>(id);
        var flow = body!.Version is { } v ? await grain.GetVersion(v) : await grain.GetLatest();
        if (flow is null)
        {
            return NotFound(id);
        }
        OrderFacts facts;
        if (body.OrderId is { } orderId)
        {
            if (await orleans.GetGrain<IOrderGrain>(orderId).GetDetails() is not { } order)
            {
                return new Validation().Add("orderId", $"No order has id {orderId}.").ToProblem();
            }
            facts = OrderFacts.From(order);
        }
        else if (body.Order is { } sample)
        {
            var validation = new Validation()
                .Require(sample.Platform is null || Enum.TryParse<SourcePlatform>(sample.Platform, out _), "order.platform", $"Unknown platform '{sample.Platform}'.")
                .Require(sample.Status is null || Enum.TryParse<OrderStatus>(sample.Status, out _), "order.status", $"Unknown status '{sample.Status}'.")
                .Require(sample.ItemCount >= 0, "order.itemCount", "itemCount must not be negative.");
            if (!validation.IsValid)
            {
                return validation.ToProblem();
            }
            facts = new OrderFacts
            {
                Platform = sample.Platform is null ? SourcePlatform.Manual : Enum.Parse<SourcePlatform>(sample.Platform),
                Account = sample.Account ?? "",
                GrandTotal = sample.GrandTotal,
                Currency = sample.Currency ?? "",
                ItemCount = sample.ItemCount,
                Skus = sample.Skus ?? [],
                Tags = sample.Tags ?? [],
                Country = sample.Country,
                Status = sample.Status is null ? OrderStatus.Pending : Enum.Parse<OrderStatus>(sample.Status),
                HasShippingAddress = sample.Country is not null,
            };
        }
        else
        {
            return new Validation().Add("order", "A sample order or an orderId is required.").ToProblem();
        }
        var (applies, note, path) = FlowSimulator.Run(flow, facts, body.At ?? time.GetUtcNow(), (body.RejectedApprovals ?? []).ToHashSet(StringComparer.Ordinal));
        return TypedResults.Ok(new DryRunResponse(flow.Id, flow.Version, applies, note, path));
    }

    private static async Task<IResult> OrderWorkflows(Guid id, IClusterClient orleans, WorkflowQueries queries, CancellationToken ct)
    {
        if (await orleans.GetGrain<IOrderGrain>(id).GetDetails() is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Order not found.", detail: $"No order has id {id}.");
        }
        var keys = await queries.InstancesOfOrderAsync(id, ct);
        var views = await Task.WhenAll(keys.Select(k => orleans.GetGrain<IWorkflowInstanceGrain>(k).GetView()));
        var items = views.OfType<WorkflowInstanceView>()
            .Select(v => new OrderWorkflowItem(v.Key, v.FlowId, v.Version, v.Status, v.CurrentStep, v.History, v.Tasks, v.Notifications, v.Shipment, v.StartedAt, v.UpdatedAt))
            .ToList();
        return TypedResults.Ok(new OrderWorkflowList(id, items));
    }

    private static string OperationId(HttpRequest request, string verb) =>
        request.Headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 and <= 200 } key
            ? $"{verb}:key:{key}"
            : $"{verb}:{Guid.NewGuid():N}";

    private static IResult ToProblem(IReadOnlyList<FlowProblem> problems) =>
        Validation.Problem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));

    private static IResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Flow not found.", detail: $"No flow has id '{id}'.");
}
