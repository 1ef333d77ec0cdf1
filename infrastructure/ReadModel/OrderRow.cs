using System.Globalization;
using OrderActors.Database;
using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>The shape of a row in the <c>orders</c> read-model table.</summary>
public sealed class OrderRow
{
    public string Id { get; set; } = "";
    public long Version { get; set; }
    public string Platform { get; set; } = "";
    public string AccountId { get; set; } = "";
    public string PlatformOrderId { get; set; } = "";
    public string Status { get; set; } = "";
    public string WorkflowStatus { get; set; } = "";
    public string SyncStatus { get; set; } = "";
    public string CustomerName { get; set; } = "";
    public string? CustomerEmail { get; set; }
    public string? CustomerPhone { get; set; }
    public string Currency { get; set; } = "";
    public object GrandTotal { get; set; } = 0m;
    public int ItemCount { get; set; }
    public object OrderDate { get; set; } = "";
    public object CreatedAt { get; set; } = "";
    public object UpdatedAt { get; set; } = "";

    public static OrderRow From(OrderDetails order, SqlDialect dialect) => new()
    {
        Id = order.Id.ToString(),
        Version = order.Version,
        Platform = order.Platform.ToString(),
        AccountId = order.AccountId,
        PlatformOrderId = order.PlatformOrderId,
        Status = order.Status.ToString(),
        WorkflowStatus = order.WorkflowStatus.ToString(),
        SyncStatus = order.SyncStatus.ToString(),
        CustomerName = order.Customer.Name,
        CustomerEmail = order.Customer.Email,
        CustomerPhone = order.Customer.Phone,
        Currency = order.Currency,
        GrandTotal = dialect == SqlDialect.Sqlite ? order.Totals.GrandTotal.ToString(CultureInfo.InvariantCulture) : order.Totals.GrandTotal,
        ItemCount = order.Items.Sum(i => i.Quantity),
        OrderDate = SqlTime.ToDb(order.OrderDate, dialect),
        CreatedAt = SqlTime.ToDb(order.CreatedAt, dialect),
        UpdatedAt = SqlTime.ToDb(order.UpdatedAt, dialect),
    };
}
