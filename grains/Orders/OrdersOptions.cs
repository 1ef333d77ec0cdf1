namespace OrderActors.Grains.Orders;

/// <summary>The <c>OrderActors:Orders</c> configuration section.</summary>
public sealed class OrdersOptions
{
    public const string Section = "OrderActors:Orders";

    /// <summary>
    /// Key of the <see cref="TimeProvider"/> the order grains read (undo windows, audit times). It is the host's clock
    /// unless a test replaces it; replacing the global one would also stop Orleans' own timers.
    /// </summary>
    public const string ClockKey = "orders-clock";

    /// <summary>How long after an accept, reject or status change it may be undone.</summary>
    public TimeSpan UndoWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>First delay before retrying a failed read-model projection or event publication; doubles up to a minute.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
