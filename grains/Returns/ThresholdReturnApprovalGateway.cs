using System.Text.Json;
using OrderActors.Grains.Billing;
using OrderActors.Orders;

namespace OrderActors.Grains.Returns;

/// <summary>Auto-approves returns below a per-currency value unless a reason always needs review; otherwise opens an approval task.</summary>
public sealed class ThresholdReturnApprovalGateway(ReturnsOptions options, IClerkTaskStore tasks, TimeProvider time) : IReturnApprovalGateway
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ReturnApprovalDecision> RequestAsync(ReturnApprovalRequest request, CancellationToken cancellationToken = default)
    {
        var decision = Decide(request);
        if (!decision.AutoApproved)
        {
            await tasks.OpenAsync(new ClerkTask(
                ClerkTask.ReturnApproval,
                request.ReturnId.ToString(),
                $"Approve return {request.RmaNumber}: {decision.Explanation}",
                JsonSerializer.Serialize(request, Json),
                ClerkTask.Open,
                time.GetUtcNow()), cancellationToken);
        }
        return decision;
    }

    public Task CompleteAsync(Guid returnId, bool approved, Actor actor, CancellationToken cancellationToken = default) =>
        tasks.CloseAsync(ClerkTask.ReturnApproval, returnId.ToString(), $"{(approved ? "Approved" : "Rejected")} by {actor}", time.GetUtcNow(), cancellationToken);

    public ReturnApprovalDecision Decide(ReturnApprovalRequest request)
    {
        var review = request.ReasonCodes.FirstOrDefault(r => options.AlwaysReviewReasons.Contains(r, StringComparer.Ordinal));
        if (review is not null)
        {
            return new ReturnApprovalDecision(false, $"reason '{review}' always needs review");
        }
        if (!options.AutoApproveBelow.TryGetValue(request.Currency, out var limit))
        {
            return new ReturnApprovalDecision(false, $"no automatic approval limit for {request.Currency}");
        }
        return request.Value < limit
            ? new ReturnApprovalDecision(true, $"value {request.Value} {request.Currency} is below the automatic limit {limit}")
            : new ReturnApprovalDecision(false, $"value {request.Value} {request.Currency} is at or above the automatic limit {limit}");
    }
}
