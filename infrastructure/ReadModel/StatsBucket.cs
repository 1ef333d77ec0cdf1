using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>The statistics cell an order counts in: its UTC order hour, platform, status and currency.</summary>
public sealed record StatsBucket(DateTime Hour, string Platform, string Status, string Currency)
{
    public static StatsBucket Of(OrderDetails order) => new(
        TruncateToHour(order.OrderDate.UtcDateTime), order.Platform.ToString(), order.Status.ToString(), order.Currency);

    public static DateTime TruncateToHour(DateTime utc) =>
        new(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
}
