using OrderActors.ApiHost.Infrastructure;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>Input rules shared by single and bulk commands.</summary>
public static class OrderCommandValidation
{
    public const int MaxReasonLength = 500;
    public const int MaxTags = 50;
    public const int MaxTagLength = 50;
    public const int MaxIdempotencyKeyLength = 200;
    public const int MaxBulkOrders = 1000;

    public static Validation Reason(Validation v, string? reason, bool required, string field = "reason") => v
        .Require(!required || !string.IsNullOrWhiteSpace(reason), field, "A reason is required.")
        .Require(reason is null || reason.Length <= MaxReasonLength, field, $"reason is at most {MaxReasonLength} characters.");

    public static Validation Notes(Validation v, string? notes, List<string>? tags) => v
        .Require(notes is null || notes.Length <= CreateOrderValidator.MaxNotesLength, "notes", $"notes is at most {CreateOrderValidator.MaxNotesLength} characters.")
        .Require(tags is null || tags.Count <= MaxTags, "tags", $"At most {MaxTags} tags.")
        .Require(tags is null || tags.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= MaxTagLength), "tags", $"Tags are non-empty and at most {MaxTagLength} characters.");

    public const int MaxShipmentFieldLength = 100;

    public static Validation Shipment(Validation v, ShipRequest body) => v
        .Require(!string.IsNullOrWhiteSpace(body.Carrier), "carrier", "carrier is required.")
        .Require(body.Carrier is null || body.Carrier.Length <= MaxShipmentFieldLength, "carrier", $"carrier is at most {MaxShipmentFieldLength} characters.")
        .Require(!string.IsNullOrWhiteSpace(body.TrackingNumber), "trackingNumber", "trackingNumber is required.")
        .Require(body.TrackingNumber is null || (body.TrackingNumber.Trim().Length <= MaxShipmentFieldLength && !body.TrackingNumber.Trim().Any(char.IsWhiteSpace)),
            "trackingNumber", $"trackingNumber is at most {MaxShipmentFieldLength} characters without spaces.")
        .Require(body.LabelReference is null || (body.LabelReference.Length is > 0 and <= 2 * MaxShipmentFieldLength && !string.IsNullOrWhiteSpace(body.LabelReference)),
            "labelReference", $"labelReference, when given, is 1 to {2 * MaxShipmentFieldLength} characters.");

    public static bool TryParseStatus(string? value, out OrderStatus status) =>
        Enum.TryParse(value, ignoreCase: false, out status) && Enum.IsDefined(status) && !int.TryParse(value, out _);

    public static bool TryParseWorkflowStatus(string? value, out WorkflowStatus status) =>
        Enum.TryParse(value, ignoreCase: false, out status) && Enum.IsDefined(status) && !int.TryParse(value, out _);

    public static bool TryParsePlatform(string? value, out SourcePlatform platform) =>
        Enum.TryParse(value, ignoreCase: false, out platform) && Enum.IsDefined(platform) && !int.TryParse(value, out _);

    /// <summary>The operation id of a command: the client's Idempotency-Key when sent, else a fresh one.</summary>
    public static string OperationId(HttpRequest request, string command, Validation v)
    {
        var key = request.Headers["Idempotency-Key"].FirstOrDefault();
        if (key is null)
        {
            return $"{command}:{Guid.NewGuid():N}";
        }
        v.Require(key.Length is > 0 and <= MaxIdempotencyKeyLength, "Idempotency-Key", $"The Idempotency-Key header is 1 to {MaxIdempotencyKeyLength} characters.");
        return $"{command}:{key}";
    }
}
