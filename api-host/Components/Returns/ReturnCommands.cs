using OrderActors.ApiHost.Components.Live;
using OrderActors.ApiHost.Security;
using OrderActors.Audit;
using OrderActors.Files;
using OrderActors.Grains.Returns;
using OrderActors.Orders;
using OrderActors.Returns;

namespace OrderActors.ApiHost.Components.Returns;

/// <summary>
/// Return (RMA) commands from the dashboard: the same <see cref="IReturnRequestGrain"/> calls and input rules as
/// <c>/api/returns</c> (reasons up to 400 characters, one inspection per returned SKU, photos checked by
/// <see cref="AttachmentPolicy"/> and stored under a generated key), checked against the user's permissions and audited.
/// </summary>
public sealed class ReturnCommands(IClusterClient orleans, IFileStorage files, ReturnsOptions options, TimeProvider time, DashboardUser user, DashboardAudit audit)
{
    public const int MaxReasonLength = 400;
    public const int MaxInspectionNotesLength = 1000;

    public long MaxPhotoBytes => options.MaxAttachmentBytes;

    public Task<ReturnDetails?> GetAsync(Guid id) => orleans.GetGrain<IReturnRequestGrain>(id).GetDetails();

    public Task<ReturnActionResult> ApproveAsync(Guid id, string? note) =>
        RunAsync(id, "approve", Permissions.ReturnsApprove, null, (g, a) => g.Approve(Blank(note), a), "Approved.");

    public Task<ReturnActionResult> RejectAsync(Guid id, string? reason) =>
        RunAsync(id, "reject", Permissions.ReturnsApprove, ReasonProblem(reason), (g, a) => g.Reject(reason!.Trim(), a), "Rejected.");

    public Task<ReturnActionResult> IssueLabelAsync(Guid id) =>
        RunAsync(id, "label", Permissions.ReturnsWrite, null, (g, a) => g.IssueLabel(a), "Label issued: print it from the link.");

    public Task<ReturnActionResult> MarkInTransitAsync(Guid id) =>
        RunAsync(id, "in-transit", Permissions.ReturnsWrite, null, (g, a) => g.MarkInTransit(a), "Marked in transit.");

    public Task<ReturnActionResult> ReceiveAsync(Guid id) =>
        RunAsync(id, "receive", Permissions.ReturnsWrite, null, (g, a) => g.Receive(a), "Received.");

    public Task<ReturnActionResult> CancelAsync(Guid id, string? reason) =>
        RunAsync(id, "cancel", Permissions.ReturnsWrite, ReasonProblem(reason), (g, a) => g.Cancel(reason!.Trim(), a), "Cancelled.");

    public Task<ReturnActionResult> CompleteAsync(Guid id, ReturnResolution resolution) =>
        RunAsync(id, "complete", Permissions.ReturnsWrite, null, (g, a) => g.Complete(resolution, a), $"Completed ({resolution}).");

    public Task<ReturnActionResult> InspectAsync(Guid id, IReadOnlyList<ItemInspection> inspections)
    {
        var problem = inspections.Count == 0 ? ReturnActionResult.Failed("items", "Inspect every returned SKU.")
            : inspections.FirstOrDefault(i => i.Notes is { Length: > MaxInspectionNotesLength }) is { } tooLong
                ? ReturnActionResult.Failed("notes", $"notes for {tooLong.Sku} is at most {MaxInspectionNotesLength} characters.")
                : null;
        return RunAsync(id, "inspect", Permissions.ReturnsWrite, problem, (g, a) => g.Inspect(inspections, a), "Inspection saved.");
    }

    /// <summary>Stores a photo of the returned goods, with the rules of <c>POST /api/returns/{id}/attachments</c>.</summary>
    public async Task<ReturnActionResult> AttachPhotoAsync(Guid id, string fileName, string contentType, Stream content, long size, string? sku)
    {
        if (!await user.HasAsync(Permissions.ReturnsWrite))
        {
            return ReturnActionResult.Failed("permission", "You may not change returns.");
        }
        var grain = orleans.GetGrain<IReturnRequestGrain>(id);
        if (await grain.GetDetails() is null)
        {
            return ReturnActionResult.Failed("id", "Return not found.");
        }
        if (AttachmentPolicy.FileNameProblem(fileName) is { } nameProblem)
        {
            return ReturnActionResult.Failed("fileName", nameProblem);
        }
        if (!AttachmentPolicy.IsAllowedType(contentType))
        {
            return ReturnActionResult.Failed("contentType", $"'{contentType}' is not allowed. Use one of: {string.Join(", ", AttachmentPolicy.AllowedContentTypes)}.");
        }
        if (size <= 0 || size > options.MaxAttachmentBytes)
        {
            return ReturnActionResult.Failed("file", $"The file must be between 1 and {options.MaxAttachmentBytes} bytes.");
        }
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer);
        if (!AttachmentPolicy.MatchesSignature(contentType, buffer.GetBuffer().AsSpan(0, (int)Math.Min(12, buffer.Length))))
        {
            return ReturnActionResult.Failed("contentType", $"The file's content is not a {contentType} image.");
        }
        var actor = await user.GetActorAsync();
        var attachmentId = Guid.NewGuid().ToString("N");
        var key = $"returns/{id:N}/{attachmentId}{AttachmentPolicy.ExtensionOf(contentType)}";
        buffer.Position = 0;
        await files.SaveAsync(key, buffer);
        var attachment = new ReturnAttachment(attachmentId, fileName, contentType.ToLowerInvariant(), buffer.Length, key, string.IsNullOrWhiteSpace(sku) ? null : sku.Trim(), time.GetUtcNow(), actor);
        var result = await grain.AddAttachment(attachment);
        if (!result.Succeeded)
        {
            await files.DeleteAsync(key);
        }
        var outcome = ReturnActionResult.From(result, $"Photo {fileName} added.");
        await audit.RecordAsync("dashboard returns.attachments", $"id={id}", outcome.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure, outcome.Message);
        return outcome;
    }

    private async Task<ReturnActionResult> RunAsync(Guid id, string action, string permission, ReturnActionResult? inputProblem,
        Func<IReturnRequestGrain, Actor, Task<ReturnCommandResult>> send, string done)
    {
        if (!await user.HasAsync(permission))
        {
            return ReturnActionResult.Failed("permission", $"You may not do this (needs {permission}).");
        }
        if (inputProblem is not null)
        {
            return inputProblem;
        }
        ReturnActionResult outcome;
        try
        {
            outcome = ReturnActionResult.From(await send(orleans.GetGrain<IReturnRequestGrain>(id), await user.GetActorAsync()), done);
        }
        catch (Exception ex) when (ex is TimeoutException or OrleansException)
        {
            return ReturnActionResult.Failed("id", "The return did not answer; try again.");
        }
        await audit.RecordAsync($"dashboard returns.{action}", $"id={id}", outcome.Succeeded ? AuditOutcome.Success : AuditOutcome.Failure, outcome.Message);
        return outcome;
    }

    private static ReturnActionResult? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength
            ? ReturnActionResult.Failed("reason", $"reason is required, at most {MaxReasonLength} characters.")
            : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
