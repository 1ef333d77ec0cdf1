namespace OrderActors.ReadModel;

/// <summary>Dashboard figures over orders placed in [From, To): counts, revenue per UTC day, orders per hour.</summary>
public sealed record OrderStatistics(
    DateTimeOffset From,
    DateTimeOffset To,
    long TotalOrders,
    IReadOnlyList<StatusPlatformCount> ByStatusAndPlatform,
    IReadOnlyList<DailyRevenue> RevenueByDay,
    IReadOnlyList<HourlyCount> OrdersPerHour);

public sealed record StatusPlatformCount(string Platform, string Status, long Count);

/// <summary>Revenue counts every order except cancelled, returned and refunded ones.</summary>
public sealed record DailyRevenue(DateOnly Day, string Currency, long Orders, decimal Revenue);

public sealed record HourlyCount(DateTimeOffset Hour, long Count);
