using OrderActors.Grains.Workflows.Conditions;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.UnitTests.Workflows;

public sealed class ConditionTests
{
    private static readonly DateTimeOffset TenThirty = new(2026, 11, 26, 10, 30, 0, TimeSpan.Zero);

    private static readonly OrderFacts Order = new()
    {
        OrderId = Guid.NewGuid(),
        Platform = SourcePlatform.Shopee,
        Account = "shop-1",
        GrandTotal = 1250.50m,
        Currency = "MYR",
        ItemCount = 3,
        Skus = ["TEE-RED-M", "MUG-1"],
        Tags = ["vip", "gift"],
        Country = "MY",
        Status = OrderStatus.Pending,
    };

    [Theory]
    [InlineData("grandTotal >= 1000", true)]
    [InlineData("total > 1250.50", false)]
    [InlineData("total == 1250.5", true)]
    [InlineData("platform == \"shopee\"", true)]
    [InlineData("platform in ['Lazada', 'Shopee']", true)]
    [InlineData("platform not in ['Lazada', 'Shopee']", false)]
    [InlineData("currency != 'MYR' or itemCount >= 3", true)]
    [InlineData("skus contains 'MUG-1' and tags contains 'VIP'", true)]
    [InlineData("not (tags contains 'wholesale')", true)]
    [InlineData("!(country == 'SG') && account contains 'shop'", true)]
    [InlineData("hour == 10 and timeOfDay >= '09:00' and timeOfDay < '17:30'", true)]
    [InlineData("itemCount in [1, 2]", false)]
    [InlineData("status = 'Pending'", true)]
    [InlineData("country == 'it''s'", false)]
    public void Evaluates_over_order_facts(string text, bool expected)
    {
        var condition = Condition.TryParse(text, out var error);

        Assert.True(condition is not null, error);
        Assert.Equal(expected, condition!.Evaluate(Order, TenThirty));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("grandTotal >", "end")]
    [InlineData("weight > 3", "Unknown field 'weight'")]
    [InlineData("currency > 5", "cannot compare")]
    [InlineData("total", "true or false")]
    [InlineData("tags contains 5", "contains")]
    [InlineData("platform == 'Shopee' and", "end")]
    [InlineData("(total > 1", "Expected ')'")]
    [InlineData("total > 1 ; drop table orders", "Unexpected character")]
    [InlineData("'abc", "Unterminated")]
    [InlineData("total in [1, 'a']", "only numbers or only text")]
    [InlineData("Environment.Exit(1)", "Unexpected character")]
    public void Refuses_invalid_conditions_with_a_reason(string text, string reason)
    {
        Assert.Null(Condition.TryParse(text, out var error));
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Refuses_nesting_beyond_the_limit()
    {
        var deep = new string('(', 40) + "total > 1" + new string(')', 40);

        Assert.Null(Condition.TryParse(deep, out var error));
        Assert.Contains("Nested", error);
    }

    [Fact]
    public void A_missing_fact_is_an_evaluation_error_not_false()
    {
        var condition = Condition.Parse("country == 'MY'");

        var ex = Assert.Throws<ConditionEvaluationException>(() => condition.Evaluate(Order with { Country = null }, TenThirty));
        Assert.Contains("country", ex.Message);
    }
}
