using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Apis.Returns;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Billing;
using OrderActors.Files;
using OrderActors.Grains.Billing;
using OrderActors.Grains.Returns;
using OrderActors.Orders;
using OrderActors.Returns;

namespace OrderActors.ApiHost.Apis;

public static class ReturnsApi
{
    public const int MaxItems = 200;

    public static RouteGroupBuilder MapReturnsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/returns").WithTags("Returns");
        group.MapPost("/", (HttpContext c, IClusterClient o, ReturnsOptions opt) =>
            IdempotentCommand.RunAsync(c, "returns.create", keyRequired: false, () => CreateAsync(c, o, opt, forcedSource: null, forcedChannel: null)))
            .RequirePermission(Permissions.ReturnsWrite);
        group.MapGet("/", List).RequirePermission(Permissions.ReturnsWrite);
        group.MapGet("/reason-codes", (ReturnsOptions o) => TypedResults.Ok(new { items = o.EffectiveReasonCodes })).RequirePermission(Permissions.ReturnsWrite);
        group.MapGet("/approval-tasks", async (IClerkTaskStore tasks, string? status, CancellationToken ct) =>
            TypedResults.Ok(new { items = await tasks.ListAsync(ClerkTask.ReturnApproval, status, 100, ct) })).RequirePermission(Permissions.ReturnsApprove);
        group.MapGet("/{id:guid}", Get).RequirePermission(Permissions.ReturnsWrite);
        group.MapGet("/{id:guid}/events", async (Guid id, IClusterClient o) => TypedResults.Ok(new { items = await o.GetGrain<IReturnRequestGrain>(id).GetOutbox() }))
            .RequirePermission(Permissions.ReturnsWrite);
        group.MapPost("/{id:guid}/approve", (Guid id, HttpContext c, IClusterClient o) => Command(c, "returns.approve", async actor =>
        {
            var (body, problem) = await OptionalBodyAsync<ReturnNoteRequest>(c);
            return problem ?? Answer(await o.GetGrain<IReturnRequestGrain>(id).Approve(body?.Note, actor));
        })).RequirePermission(Permissions.ReturnsApprove);
        group.MapPost("/{id:guid}/reject", (Guid id, HttpContext c, IClusterClient o) => Command(c, "returns.reject", async actor =>
        {
            var (reason, problem) = await RequiredReasonAsync(c);
            return problem ?? Answer(await o.GetGrain<IReturnRequestGrain>(id).Reject(reason!, actor));
        })).RequirePermission(Permissions.ReturnsApprove);
        group.MapPost("/{id:guid}/label", (Guid id, HttpContext c, IClusterClient o) => Command(c, "returns.label", async actor =>
        {
            var result = await o.GetGrain<IReturnRequestGrain>(id).IssueLabel(actor);
            return result.Succeeded
                ? CommandResponse.Ok(new { result.Return!.Id, result.Return.RmaNumber, result.Return.TrackingNumber, labelUrl = $"/api/returns/{id}/label" })
                : Answer(result);
        })).RequirePermission(Permissions.ReturnsWrite);
        group.MapGet("/{id:guid}/label", Label).RequirePermission(Permissions.ReturnsWrite);
        group.MapPost("/{id:guid}/in-transit", (Guid id, HttpContext c, IClusterClient o) =>
            Command(c, "returns.in-transit", async actor => Answer(await o.GetGrain<IReturnRequestGrain>(id).MarkInTransit(actor)))).RequirePermission(Permissions.ReturnsWrite);
        group.MapPost("/{id:guid}/receive", (Guid id, HttpContext c, IClusterClient o) =>
            Command(c, "returns.receive", async actor => Answer(await o.GetGrain<IReturnRequestGrain>(id).Receive(actor)))).RequirePermission(Permissions.ReturnsWrite);
        group.MapPost("/{id:guid}/inspect", (Guid id, HttpContext c, IClusterClient o) => Command(c, "returns.inspect", actor => InspectAsync(id, c, o, actor)))
            .RequirePermission(Permissions.ReturnsWrite);
        group.MapPost("/{id:guid}/complete", (Guid id, HttpContext c, IClusterClient o) => Command(c, "returns.complete", async actor =>
        {
            var (body, problem) = await JsonBody.ReadAsync<CompleteReturnRequest>(c.Request, c.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }
            if (!TryParseName<ReturnResolution>(body!.Resolution, out var resolution))
            {
                return new Validation().Add("resolution", $"Unknown resolution '{body.Resolution}'. Use one of: {string.Join(", ", Enum.GetNames<ReturnResolution>())}.").ToProblem();
            }
            return Answer(await o.GetGrain<IReturnRequestGrain>(id).Complete(resolution, actor));
        })).RequirePermission(Permissions.ReturnsWrite);
        group.MapPost("/{id:guid}/cancel", (Guid id, HttpContext c, IClusterClient o) => Command(c, "returns.cancel", async actor =>
        {
            var (reason, problem) = await RequiredReasonAsync(c);
            return problem ?? Answer(await o.GetGrain<IReturnRequestGrain>(id).Cancel(reason!, actor));
        })).RequirePermission(Permissions.ReturnsWrite);
        group.MapPost("/{id:guid}/attachments", (Guid id, HttpContext c, IClusterClient o, IFileStorage files, ReturnsOptions opt, TimeProvider time) =>
            Command(c, "returns.attachments", actor => AttachAsync(id, c, o, files, opt, time, actor))).RequirePermission(Permissions.ReturnsWrite);
        group.MapGet("/{id:guid}/attachments/{attachmentId}", Download).RequirePermission(Permissions.ReturnsWrite);
        return group;
    }

    /// <summary>Creates a return from the body; the POS API forces the source and channel.</summary>
    internal static async Task<IResult> CreateAsync(HttpContext context, IClusterClient orleans, ReturnsOptions options, ReturnSource? forcedSource, ReturnChannel? forcedChannel)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateReturnRequest>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }
        var v = new Validation();
        var channel = forcedChannel ?? default;
        var source = forcedSource ?? ReturnSource.CustomerService;
        v.Require(body!.OrderId is not null, "orderId", "orderId is required.");
        v.Require(forcedChannel is not null || TryParseName(body.Channel, out channel), "channel", $"channel is one of: {string.Join(", ", Enum.GetNames<ReturnChannel>())}.");
        v.Require(forcedSource is not null || body.Source is null || TryParseName(body.Source, out source), "source", $"source is one of: {string.Join(", ", Enum.GetNames<ReturnSource>())}.");
        v.Require(!string.IsNullOrWhiteSpace(body.Location) && body.Location.Length <= 64, "location", "location (where returned goods go back to stock) is required, at most 64 characters.");
        v.Require(body.Items is { Count: > 0 and <= MaxItems }, "items", $"Between 1 and {MaxItems} items are required.");
        v.Require(body.Notes is null || body.Notes.Length <= 4000, "notes", "notes is at most 4000 characters.");
        v.Require(body.PlatformReturnId is null || body.PlatformReturnId.Length <= 128, "platformReturnId", "platformReturnId is at most 128 characters.");
        for (var i = 0; body.Items is not null && i < body.Items.Count; i++)
        {
            var item = body.Items[i];
            if (item is null)
            {
                v.Add($"items[{i}]", "An item is required.");
                continue;
            }
            v.Require(!string.IsNullOrWhiteSpace(item.Sku) && item.Sku.Length <= 128, $"items[{i}].sku", "sku is required.");
            v.Require(item.Quantity > 0 && item.Quantity == decimal.Truncate(item.Quantity) && item.Quantity <= 100_000, $"items[{i}].quantity", "quantity must be a positive whole number.");
            v.Require(item.ReasonCode is not null && options.EffectiveReasonCodes.Contains(item.ReasonCode, StringComparer.Ordinal), $"items[{i}].reasonCode",
                $"reasonCode is one of: {string.Join(", ", options.EffectiveReasonCodes)}.");
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var actor = context.User.ToActor();
        var key = IdempotentCommand.KeyOf(context.Request);
        var id = string.IsNullOrEmpty(key) ? Guid.NewGuid() : DeterministicGuid.From($"return|{actor.Id}|{key}");
        var command = new CreateReturnCommand(
            body.OrderId!.Value, channel, source,
            body.Items!.Select(i => new ReturnItem(i.Sku!.Trim(), (int)i.Quantity, i.ReasonCode!)).ToList(),
            body.Location!.Trim(), body.Notes, body.PlatformReturnId, actor);
        var result = await orleans.GetGrain<IReturnRequestGrain>(id).Create(command);
        if (!result.Succeeded)
        {
            return Answer(result);
        }
        var r = result.Return!;
        var response = new ReturnCreatedResponse(r.Id, r.RmaNumber, r.Status.ToString(), r.RefundAmount, r.Currency);
        return result.Outcome == ReturnCommandOutcome.Applied ? CommandResponse.Created($"/api/returns/{r.Id}", response) : CommandResponse.Ok(response);
    }

    private static async Task<Results<Ok<ReturnListPage>, ValidationProblem>> List(
        ReturnQueries queries, string? status, string? orderId, string? channel, string? q, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? after,
        CancellationToken ct)
    {
        var statuses = (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Guid parsedOrder = default;
        ReturnChannel parsedChannel = default;
        ReturnListCursor? cursor = null;
        var v = new Validation()
            .Require(statuses.All(s => TryParseName<ReturnStatus>(s, out _)), "status", $"status is one or more (comma-separated) of: {string.Join(", ", Enum.GetNames<ReturnStatus>())}.")
            .Require(orderId is null || Guid.TryParse(orderId, out parsedOrder), "orderId", "orderId is an order id (a GUID).")
            .Require(channel is null || TryParseName(channel, out parsedChannel), "channel", $"channel is one of: {string.Join(", ", Enum.GetNames<ReturnChannel>())}.")
            .Require(q is null || q.Length <= 100, "q", "q is at most 100 characters.")
            .Require(from is null || to is null || from < to, "from", "from must be before to.")
            .Require(limit is null or (>= 1 and <= ReturnQueries.MaxLimit), "limit", $"limit must be between 1 and {ReturnQueries.MaxLimit}.")
            .Require(after is null || ReturnListCursor.TryDecode(after, out cursor), "after", "after is not a cursor returned by this API.");
        if (!v.IsValid)
        {
            return (ValidationProblem)v.ToProblem();
        }
        return TypedResults.Ok(await queries.ListAsync(new ReturnListQuery
        {
            Statuses = statuses,
            OrderId = orderId is null ? null : parsedOrder,
            Channel = channel is null ? null : parsedChannel.ToString(),
            Text = q,
            From = from,
            To = to,
            Limit = limit ?? 50,
            After = cursor,
        }, ct));
    }

    private static async Task<IResult> Get(Guid id, IClusterClient orleans) =>
        await orleans.GetGrain<IReturnRequestGrain>(id).GetDetails() is { } r ? TypedResults.Ok(r) : NotFound(id);

    private static async Task<IResult> Label(Guid id, IClusterClient orleans, ReturnsOptions options)
    {
        var r = await orleans.GetGrain<IReturnRequestGrain>(id).GetDetails();
        if (r is null)
        {
            return NotFound(id);
        }
        return r.TrackingNumber is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No label was issued for this return.", detail: "POST /api/returns/{id}/label issues it (mail returns).")
            : TypedResults.Content(ReturnLabelDocument.Render(r, options.ReturnAddress), "text/html; charset=utf-8");
    }

    private static async Task<IResult> InspectAsync(Guid id, HttpContext context, IClusterClient orleans, Actor actor)
    {
        var (body, problem) = await JsonBody.ReadAsync<InspectReturnRequest>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }
        var v = new Validation().Require(body!.Items is { Count: > 0 and <= MaxItems }, "items", "Inspect every returned SKU.");
        var inspections = new List<ItemInspection>();
        for (var i = 0; body.Items is not null && i < body.Items.Count; i++)
        {
            var item = body.Items[i];
            var condition = ItemCondition.New;
            v.Require(!string.IsNullOrWhiteSpace(item?.Sku), $"items[{i}].sku", "sku is required.");
            v.Require(item is not null && TryParseName(item.Condition, out condition), $"items[{i}].condition", $"condition is one of: {string.Join(", ", Enum.GetNames<ItemCondition>())}.");
            v.Require(item?.Notes is null || item.Notes.Length <= 1000, $"items[{i}].notes", "notes is at most 1000 characters.");
            if (item?.Sku is not null)
            {
                inspections.Add(new ItemInspection(item.Sku.Trim(), condition, item.Notes));
            }
        }
        if (!v.IsValid)
        {
            return v.ToProblem();
        }
        return Answer(await orleans.GetGrain<IReturnRequestGrain>(id).Inspect(inspections, actor));
    }

    private static async Task<IResult> AttachAsync(Guid id, HttpContext context, IClusterClient orleans, IFileStorage files, ReturnsOptions options, TimeProvider time, Actor actor)
    {
        var grain = orleans.GetGrain<IReturnRequestGrain>(id);
        if (await grain.GetDetails() is null)
        {
            return NotFound(id);
        }
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return Invalid("file", "Send the photo as multipart/form-data in a field named 'file'.");
        }
        if (request.ContentLength > options.MaxAttachmentBytes + 64 * 1024)
        {
            return Invalid("file", $"The file is larger than {options.MaxAttachmentBytes} bytes.");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = options.MaxAttachmentBytes + 64 * 1024 }, context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return Invalid("file", $"The file is larger than {options.MaxAttachmentBytes} bytes.");
        }
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return Invalid("file", "A field named 'file' with the photo is required.");
        }
        if (AttachmentPolicy.FileNameProblem(file.FileName) is { } nameProblem)
        {
            return Invalid("fileName", nameProblem);
        }
        if (!AttachmentPolicy.IsAllowedType(file.ContentType))
        {
            return Invalid("contentType", $"'{file.ContentType}' is not allowed. Use one of: {string.Join(", ", AttachmentPolicy.AllowedContentTypes)}.");
        }
        if (file.Length == 0 || file.Length > options.MaxAttachmentBytes)
        {
            return Invalid("file", $"The file must be between 1 and {options.MaxAttachmentBytes} bytes.");
        }
        var head = new byte[12];
        await using (var peek = file.OpenReadStream())
        {
            var read = await peek.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, context.RequestAborted);
            if (!AttachmentPolicy.MatchesSignature(file.ContentType, head.AsSpan(0, read)))
            {
                return Invalid("contentType", $"The file's content is not a {file.ContentType} image.");
            }
        }
        var sku = form["sku"].FirstOrDefault();
        var attachmentId = Guid.NewGuid().ToString("N");
        var key = $"returns/{id:N}/{attachmentId}{AttachmentPolicy.ExtensionOf(file.ContentType)}";
        await using (var content = file.OpenReadStream())
        {
            await files.SaveAsync(key, content, context.RequestAborted);
        }
        var attachment = new ReturnAttachment(attachmentId, file.FileName, file.ContentType.ToLowerInvariant(), file.Length, key, string.IsNullOrWhiteSpace(sku) ? null : sku.Trim(), time.GetUtcNow(), actor);
        var result = await grain.AddAttachment(attachment);
        if (!result.Succeeded)
        {
            await files.DeleteAsync(key, CancellationToken.None);
            return Answer(result);
        }
        return CommandResponse.Created($"/api/returns/{id}/attachments/{attachmentId}", new { attachment.Id, attachment.FileName, attachment.ContentType, attachment.Size, attachment.Sku });
    }

    private static async Task<IResult> Download(Guid id, string attachmentId, IClusterClient orleans, IFileStorage files, CancellationToken ct)
    {
        var r = await orleans.GetGrain<IReturnRequestGrain>(id).GetDetails();
        var attachment = r?.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        if (attachment is null || await files.OpenReadAsync(attachment.StorageKey, ct) is not { } stream)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Attachment not found.");
        }
        return TypedResults.Stream(stream, attachment.ContentType, attachment.FileName);
    }

    private static Task<IResult> Command(HttpContext context, string route, Func<Actor, Task<IResult>> command) =>
        IdempotentCommand.RunAsync(context, route, keyRequired: false, () => command(context.User.ToActor()));

    private static async Task<(T? Body, IResult? Problem)> OptionalBodyAsync<T>(HttpContext context) where T : class =>
        context.Request.ContentLength is null or 0 && !context.Request.HasJsonContentType()
            ? (null, null)
            : await JsonBody.ReadAsync<T>(context.Request, context.RequestAborted);

    private static async Task<(string? Reason, IResult? Problem)> RequiredReasonAsync(HttpContext context)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReturnReasonRequest>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return (null, problem);
        }
        return string.IsNullOrWhiteSpace(body!.Reason) || body.Reason.Length > 400
            ? (null, Invalid("reason", "reason is required, at most 400 characters."))
            : (body.Reason.Trim(), null);
    }

    internal static IResult Answer(ReturnCommandResult result) => result.Outcome switch
    {
        ReturnCommandOutcome.Applied or ReturnCommandOutcome.Repeated => CommandResponse.Ok(result.Return!),
        ReturnCommandOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Return not found.", detail: result.Error),
        ReturnCommandOutcome.Invalid => Invalid(result.Field ?? "$", result.Error ?? "Invalid."),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The return does not allow this now.", detail: result.Error),
    };

    private static IResult Invalid(string field, string message) => new Validation().Add(field, message).ToProblem();

    private static IResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Return not found.", detail: $"No return has id {id}.");

    private static bool TryParseName<T>(string? text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: false, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);
}
