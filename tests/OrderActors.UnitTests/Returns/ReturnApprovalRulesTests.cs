using OrderActors.Grains.Returns;

namespace OrderActors.UnitTests.Returns;

public sealed class ReturnApprovalRulesTests
{
    private static readonly ThresholdReturnApprovalGateway Gateway = new(
        new ReturnsOptions
        {
            AutoApproveBelow = new Dictionary<string, decimal> { ["IDR"] = 500_000m, ["MYR"] = 100m },
            AlwaysReviewReasons = ["not-as-described"],
        },
        tasks: null!,
        TimeProvider.System);

    [Theory]
    [InlineData(499_999, "IDR", "size-fit", true)]
    [InlineData(500_000, "IDR", "size-fit", false)]
    [InlineData(99.99, "MYR", "defective", true)]
    [InlineData(10, "MYR", "not-as-described", false)]
    [InlineData(1, "USD", "size-fit", false)]
    public void Value_and_reason_decide_whether_a_person_must_approve(decimal value, string currency, string reason, bool automatic)
    {
        var decision = Gateway.Decide(new ReturnApprovalRequest(Guid.NewGuid(), "RMA-2026-000001", Guid.NewGuid(), value, currency, [reason], "Mail"));

        Assert.Equal(automatic, decision.AutoApproved);
        Assert.False(string.IsNullOrWhiteSpace(decision.Explanation));
    }
}
