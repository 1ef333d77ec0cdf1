namespace OrderActors.Grains.Billing;

/// <summary>
/// Work for a person: bill an invoice by hand (the external endpoint was down) or approve a return. One row per
/// kind and reference, so recording it again changes nothing.
/// </summary>
public sealed record ClerkTask(
    string Kind,
    string Reference,
    string Title,
    string FormJson,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt = null,
    string? Resolution = null)
{
    public const string ManualBilling = "ManualBilling";
    public const string ReturnApproval = "ReturnApproval";
    public const string Open = "Open";
    public const string Closed = "Closed";
}
