using System.Globalization;
using OrderActors.Grains.Orders.Lifecycle;
using OrderActors.Orders;

namespace OrderActors.Grains.Orders;

/// <summary>
/// Merges a platform snapshot into the order it describes. A snapshot older than the held platform update time is
/// stale. One with the same update time but different content, or a status the lifecycle cannot reach, is a
/// conflict: the held value stays and the disagreement is reported. Local fields (workflow status, notes, tags)
/// belong to us and are never taken from a snapshot.
/// </summary>
public static class SnapshotMerge
{
    public sealed record Result(
        bool Stale,
        OrderDetails Order,
        IReadOnlyList<string> ChangedFields,
        IReadOnlyList<OrderConflict> Conflicts,
        OrderStatus? PreviousStatus);

    public static Result Merge(OrderDetails current, OrderSnapshot s, DateTimeOffset now)
    {
        if (s.PlatformUpdatedAt is { } incoming && current.PlatformUpdatedAt is { } held && incoming < held)
        {
            return new Result(true, current, [], [], null);
        }

        var differing = new List<(string Field, string? Held, string? Incoming)>();
        void Compare<T>(string field, T heldValue, T incomingValue, Func<T, string?> show)
        {
            if (!EqualityComparer<T>.Default.Equals(heldValue, incomingValue))
            {
                differing.Add((field, show(heldValue), show(incomingValue)));
            }
        }
        Compare("customer", current.Customer, s.Customer, c => $"{c.Name} <{c.Email}> {c.Phone}");
        if (s.ShippingAddress is not null)
        {
            Compare("shippingAddress", current.ShippingAddress, s.ShippingAddress, a => a is null ? null : $"{a.Line1}, {a.City} {a.PostalCode} {a.Country}");
        }
        if (!current.Items.SequenceEqual(s.Items))
        {
            differing.Add(("items", ShowItems(current.Items), ShowItems(s.Items)));
        }
        Compare("totals", current.Totals, s.Totals, t => t.GrandTotal.ToString(CultureInfo.InvariantCulture));
        Compare("currency", current.Currency, s.Currency, c => c);
        Compare("orderDate", current.OrderDate, s.OrderDate, d => d.ToString("O", CultureInfo.InvariantCulture));
        Compare("status", current.Status, s.Status, st => st.ToString());

        var sameUpdateTime = s.PlatformUpdatedAt is not null && s.PlatformUpdatedAt == current.PlatformUpdatedAt;
        var conflicts = new List<OrderConflict>();
        OrderConflict Conflict((string Field, string? Held, string? Incoming) d) =>
            new(d.Field, Clip(d.Held), Clip(d.Incoming), s.OperationId, s.Actor, now);

        if (sameUpdateTime && differing.Count > 0)
        {
            conflicts.AddRange(differing.Select(Conflict));
            return new Result(false, current, [], NewOnly(current, conflicts), null);
        }

        var status = current.Status;
        OrderStatus? previousStatus = null;
        if (s.Status != current.Status)
        {
            if (OrderStatusTransitions.IsReachable(current.Status, s.Status))
            {
                status = s.Status;
                previousStatus = current.Status;
            }
            else
            {
                conflicts.Add(Conflict(differing.First(d => d.Field == "status")));
                differing.RemoveAll(d => d.Field == "status");
            }
        }

        var changed = differing.Select(d => d.Field).ToList();
        if (s.RawPayload is not null && s.RawPayload != current.RawPayload)
        {
            changed.Add("rawPayload");
        }
        if (s.PlatformUpdatedAt is not null && s.PlatformUpdatedAt != current.PlatformUpdatedAt)
        {
            changed.Add("platformUpdatedAt");
        }
        var merged = current with
        {
            Customer = s.Customer,
            ShippingAddress = s.ShippingAddress ?? current.ShippingAddress,
            Items = s.Items,
            Totals = s.Totals,
            Currency = s.Currency,
            OrderDate = s.OrderDate,
            PlatformCreatedAt = s.PlatformCreatedAt ?? current.PlatformCreatedAt,
            PlatformUpdatedAt = s.PlatformUpdatedAt ?? current.PlatformUpdatedAt,
            Status = status,
            RawPayload = s.RawPayload ?? current.RawPayload,
        };
        return new Result(false, changed.Count == 0 ? current : merged, changed, NewOnly(current, conflicts), previousStatus);
    }

    // The same disagreement seen again (polling repeats snapshots) is reported once.
    private static List<OrderConflict> NewOnly(OrderDetails current, List<OrderConflict> conflicts) =>
        conflicts.Where(c => !current.Conflicts.Any(k => k.Field == c.Field && k.Held == c.Held && k.Incoming == c.Incoming)).ToList();

    private static string ShowItems(IReadOnlyList<OrderItem> items) =>
        string.Join(", ", items.Select(i => $"{i.Sku} x{i.Quantity} @{i.UnitPrice.ToString(CultureInfo.InvariantCulture)}"));

    private static string? Clip(string? text) => text is { Length: > 300 } ? text[..300] : text;
}
