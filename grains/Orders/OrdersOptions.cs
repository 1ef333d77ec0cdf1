namespace OrderActors.Grains.Orders;

/// <summary>The <c>OrderActors:Orders</c> configuration section.</summary>
public sealed class OrdersOptions
{
    public const string Section = "OrderActors:Orders";

    /// <summary>How long after an accept, reject or status change it may be undone.</summary>
    public TimeSpan UndoWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>First delay before retrying a failed read-model projection or event publication; doubles up to a minute.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
