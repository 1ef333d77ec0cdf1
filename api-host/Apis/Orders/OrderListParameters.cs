using OrderActors.ApiHost.Infrastructure;
using OrderActors.ReadModel;

namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>The filters of <c>GET /api/orders</c> and <c>GET /api/orders/export.csv</c>, checked and turned into a query.</summary>
public sealed record OrderListParameters(
    string? Platform,
    string? Account,
    string? Status,
    string? WorkflowStatus,
    string? Q,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? Sort)
{
    public Validation Validate(Validation v)
    {
        v.Require(Platform is null || OrderCommandValidation.TryParsePlatform(Platform, out _), "platform", $"Unknown platform '{Platform}'.");
        v.Require(Status is null || OrderCommandValidation.TryParseStatus(Status, out _), "status", $"Unknown status '{Status}'.");
        v.Require(WorkflowStatus is null || OrderCommandValidation.TryParseWorkflowStatus(WorkflowStatus, out _), "workflowStatus", $"Unknown workflow status '{WorkflowStatus}'.");
        v.Require(Account is null || Account.Length <= 64, "account", "account is at most 64 characters.");
        v.Require(Q is null || Q.Length <= 200, "q", "q is at most 200 characters.");
        v.Require(string.IsNullOrWhiteSpace(Q) || SearchTerms.ForQuery(Q).Count > 0, "q", $"q needs a word of at least {SearchTerms.MinQueryWordLength} letters or digits.");
        v.Require(From is null || To is null || From < To, "from", "from must be before to.");
        v.Require(OrderSort.Parse(Sort) is not null, "sort", $"sort is one of: {string.Join(", ", OrderSort.All.Select(s => s.Name))}.");
        return v;
    }

    public OrderListQuery ToQuery(int limit = 50, string? after = null) => new()
    {
        Platform = Platform,
        Account = Account,
        Status = Status,
        WorkflowStatus = WorkflowStatus,
        Text = string.IsNullOrWhiteSpace(Q) ? null : Q,
        From = From,
        To = To,
        Sort = OrderSort.Parse(Sort)!,
        Limit = limit,
        After = after,
    };
}
