using OrderActors.Database;
using OrderActors.Grains.Orders.Duplicates;
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
    public string? PhoneKey { get; set; }
    public string? EmailKey { get; set; }
    public string ItemSignature { get; set; } = "";
    public string? PrimaryOrderId { get; set; }
    public int HistoryCount { get; set; }
    public string ItemsHash { get; set; } = "";
    public string SearchHash { get; set; } = "";
    public string DuplicatesHash { get; set; } = "";

    public static readonly IReadOnlyList<string> Columns =
    [
        "id", "version", "platform", "account_id", "platform_order_id", "status", "workflow_status", "sync_status",
        "customer_name", "customer_email", "customer_phone", "currency", "grand_total", "item_count", "order_date",
        "created_at", "updated_at", "phone_key", "email_key", "item_signature", "primary_order_id", "history_count",
        "items_hash", "search_hash", "duplicates_hash",
    ];

    public object?[] Values() =>
    [
        Id, Version, Platform, AccountId, PlatformOrderId, Status, WorkflowStatus, SyncStatus,
        CustomerName, CustomerEmail, CustomerPhone, Currency, GrandTotal, ItemCount, OrderDate,
        CreatedAt, UpdatedAt, PhoneKey, EmailKey, ItemSignature, PrimaryOrderId, HistoryCount,
        ItemsHash, SearchHash, DuplicatesHash,
    ];

    public static OrderRow From(OrderDetails order, SqlDialect dialect, IReadOnlyList<string> searchTerms) => new()
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
        GrandTotal = SqlValues.Money(order.Totals.GrandTotal, dialect),
        ItemCount = order.Items.Sum(i => i.Quantity),
        OrderDate = SqlTime.ToDb(order.OrderDate, dialect),
        CreatedAt = SqlTime.ToDb(order.CreatedAt, dialect),
        UpdatedAt = SqlTime.ToDb(order.UpdatedAt, dialect),
        PhoneKey = ContactKeys.Phone(order.Customer.Phone),
        EmailKey = ContactKeys.Email(order.Customer.Email) is { Length: <= 254 } email ? email : null,
        ItemSignature = ContactKeys.ItemSignature(order.Items),
        PrimaryOrderId = order.PrimaryOrderId?.ToString(),
        HistoryCount = order.History.Count,
        ItemsHash = ShortHash.Of(string.Join('\n', order.Items)),
        SearchHash = ShortHash.Of(string.Join(' ', searchTerms) + " @" + OrderDay.Of(order.OrderDate).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        DuplicatesHash = ShortHash.Of(string.Join('\n', order.Duplicates.Select(d => $"{d.OtherOrderId}|{d.Score}|{d.Decision}|{d.PrimaryOrderId}|{d.DecidedAt:O}"))),
    };
}
