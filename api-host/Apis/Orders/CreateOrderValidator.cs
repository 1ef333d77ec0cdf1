using OrderActors.ApiHost.Infrastructure;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>Checks a manual order and turns it into a snapshot for the order grain.</summary>
public static class CreateOrderValidator
{
    public const int MaxItems = 500;
    public const int MaxNotesLength = 4000;
    public const decimal TotalTolerance = 0.01m;

    public static Validation Validate(CreateOrderRequest r)
    {
        var v = new Validation();
        if (!Enum.TryParse<SourcePlatform>(r.Platform, ignoreCase: false, out var platform) || !Enum.IsDefined(platform) || int.TryParse(r.Platform, out _))
        {
            v.Add("platform", $"Unknown platform '{r.Platform}'. Use one of: {string.Join(", ", Enum.GetNames<SourcePlatform>())}.");
        }
        v.Require(!string.IsNullOrWhiteSpace(r.PlatformOrderId), "platformOrderId", "platformOrderId is required.");
        v.Require(r.PlatformOrderId is null || r.PlatformOrderId.Length <= 128, "platformOrderId", "platformOrderId is at most 128 characters.");
        v.Require(r.AccountId is null || r.AccountId.Length <= 64, "accountId", "accountId is at most 64 characters.");
        v.Require(r.Customer is not null, "customer", "customer is required.");
        v.Require(r.Customer is null || !string.IsNullOrWhiteSpace(r.Customer.Name), "customer.name", "customer.name is required.");
        v.Require(r.Customer?.Name is null || r.Customer.Name.Length <= 200, "customer.name", "customer.name is at most 200 characters.");
        v.Require(Currency.IsKnown(r.Currency), "currency", $"'{r.Currency}' is not an ISO 4217 currency code.");
        v.Require(r.Items is { Count: > 0 }, "items", "At least one item is required.");
        v.Require(r.Items is null || r.Items.Count <= MaxItems, "items", $"At most {MaxItems} items.");
        v.Require(r.Notes is null || r.Notes.Length <= MaxNotesLength, "notes", $"notes is at most {MaxNotesLength} characters.");
        v.Require(r.ShippingFee >= 0, "shippingFee", "shippingFee must not be negative.");
        v.Require(r.Discount >= 0, "discount", "discount must not be negative.");
        v.Require(r.Tax >= 0, "tax", "tax must not be negative.");

        for (var i = 0; r.Items is not null && i < r.Items.Count; i++)
        {
            var item = r.Items[i];
            var at = $"items[{i}]";
            if (item is null)
            {
                v.Add(at, "An item is required.");
                continue;
            }
            v.Require(!string.IsNullOrWhiteSpace(item.Sku), $"{at}.sku", "sku is required.");
            v.Require(!string.IsNullOrWhiteSpace(item.Name), $"{at}.name", "name is required.");
            v.Require(item.Quantity > 0, $"{at}.quantity", "quantity must be a positive whole number.");
            v.Require(item.Quantity == decimal.Truncate(item.Quantity), $"{at}.quantity", "quantity must be a whole number.");
            v.Require(item.Quantity <= 100_000, $"{at}.quantity", "quantity is at most 100000.");
            v.Require(item.UnitPrice >= 0, $"{at}.unitPrice", "unitPrice must not be negative.");
            v.Require(item.Discount >= 0, $"{at}.discount", "discount must not be negative.");
        }

        if (v.IsValid && r.GrandTotal is { } stated)
        {
            var computed = ComputeTotals(r).GrandTotal;
            v.Require(Math.Abs(stated - computed) <= TotalTolerance, "grandTotal", $"grandTotal {stated} does not add up: items + shipping - discount + tax = {computed}.");
        }
        return v;
    }

    public static OrderTotals ComputeTotals(CreateOrderRequest r)
    {
        var items = r.Items!.Sum(i => i.UnitPrice * i.Quantity - i.Discount);
        var grand = Currency.Round(items + r.ShippingFee - r.Discount + r.Tax, r.Currency!);
        return new OrderTotals(items, r.ShippingFee, r.Discount, r.Tax, grand);
    }

    public static OrderSnapshot ToSnapshot(CreateOrderRequest r, string operationId, Actor actor, DateTimeOffset now)
    {
        var platform = Enum.Parse<SourcePlatform>(r.Platform!);
        return new OrderSnapshot
        {
            OperationId = operationId,
            Platform = platform,
            AccountId = string.IsNullOrWhiteSpace(r.AccountId) ? "manual" : r.AccountId,
            PlatformOrderId = r.PlatformOrderId!,
            Customer = new Customer(r.Customer!.Name!.Trim(), r.Customer.Email?.Trim(), r.Customer.Phone?.Trim()),
            ShippingAddress = r.ShippingAddress is { } a
                ? new ShippingAddress(a.Recipient, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, a.Phone)
                : null,
            Items = r.Items!.Select(i => new OrderItem(i.Sku!, i.Name!, i.Variant, (int)i.Quantity, i.UnitPrice, i.Discount)).ToList(),
            Totals = ComputeTotals(r),
            Currency = r.Currency!,
            OrderDate = r.OrderDate ?? now,
            PlatformCreatedAt = r.OrderDate,
            Status = OrderStatus.Pending,
            Notes = r.Notes,
            Tags = r.Tags ?? [],
            Actor = actor,
        };
    }
}
