using OrderActors.Orders;

namespace OrderActors.UnitTests.Orders;

public sealed class OrderIdTests
{
    [Fact]
    public void Same_platform_account_and_order_give_the_same_id()
    {
        Assert.Equal(OrderId.For(SourcePlatform.Shopee, "shop-1", "2401"), OrderId.For(SourcePlatform.Shopee, "shop-1", "2401"));
    }

    [Fact]
    public void Any_difference_gives_another_id()
    {
        var id = OrderId.For(SourcePlatform.Shopee, "shop-1", "2401");
        Assert.NotEqual(id, OrderId.For(SourcePlatform.Lazada, "shop-1", "2401"));
        Assert.NotEqual(id, OrderId.For(SourcePlatform.Shopee, "shop-2", "2401"));
        Assert.NotEqual(id, OrderId.For(SourcePlatform.Shopee, "shop-1", "2402"));
        // The separator keeps "a" + "b\nc" apart from "a\nb" + "c".
        Assert.NotEqual(OrderId.For(SourcePlatform.Manual, "a", "b\nc"), OrderId.For(SourcePlatform.Manual, "a\nb", "c"));
    }
}
