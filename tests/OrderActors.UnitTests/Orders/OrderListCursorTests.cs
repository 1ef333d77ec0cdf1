using OrderActors.ReadModel;

namespace OrderActors.UnitTests.Orders;

public sealed class OrderListCursorTests
{
    [Fact]
    public void A_cursor_round_trips_and_garbage_is_rejected()
    {
        var sort = OrderSort.Parse("-grandTotal")!;
        var cursor = OrderListCursor.ForMoney(sort, 84.80m, Guid.NewGuid());

        Assert.True(OrderListCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.Equal(84.80m, decoded!.MoneyKey);
        Assert.False(OrderListCursor.TryDecode("not-a-cursor", out _));
        Assert.False(OrderListCursor.TryDecode(new OrderListCursor("-nope", "1", Guid.NewGuid()).Encode(), out _));
    }
}
