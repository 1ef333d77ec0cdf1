namespace OrderActors.ApiHost.Apis.Billing;

/// <summary>The body of a payment: <c>tendered</c> is the cash handed over (change is given back).</summary>
public sealed record PaymentRequest(string? Method, decimal Amount, decimal? Tendered, string? Reference);

public sealed record CreditNoteRequest(decimal Amount, string? Reason, string? RefundMethod);

public sealed record VoidInvoiceRequest(string? Reason);

public sealed record IssueInvoiceRequest(string? Series);

public sealed record ManualBillingRequest(string? ExternalReference);

public sealed record InvoiceCreatedResponse(Guid Id, string Number, string Series, long Sequence, decimal Gross, string Currency);

public sealed record PaymentResponse(Guid InvoiceId, string InvoiceNumber, string PaymentId, string Method, decimal Amount, decimal? Tendered, decimal Change, decimal BalanceDue, string Currency);
