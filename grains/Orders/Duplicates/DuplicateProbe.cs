using OrderActors.Orders;

namespace OrderActors.Grains.Orders.Duplicates;

/// <summary>The facts about one order that duplicate detection compares.</summary>
public sealed record DuplicateProbe(
    Guid Id,
    SourcePlatform Platform,
    string AccountId,
    string? PhoneKey,
    string? EmailKey,
    string ItemSignature,
    decimal GrandTotal,
    string Currency,
    DateTimeOffset OrderDate)
{
    public static DuplicateProbe From(OrderDetails order) => new(
        order.Id,
        order.Platform,
        order.AccountId,
        ContactKeys.Phone(order.Customer.Phone),
        ContactKeys.Email(order.Customer.Email),
        ContactKeys.ItemSignature(order.Items),
        order.Totals.GrandTotal,
        order.Currency,
        order.OrderDate);
}
