namespace OrderActors.ApiHost.Apis.Pos;

/// <summary>
/// What <c>POST /api/pos/orders</c> adds to the manual-order body: the terminal and cashier. The rest of the body
/// is read as a <see cref="Orders.CreateOrderRequest"/>. <c>location</c> is the stock location the sale is taken
/// from (default: the store id).
/// </summary>
public sealed record PosOrderFields(string? TerminalId, string? CashierId, string? StoreId, string? Location);

public sealed record PosOrderResponse(Guid Id, string PlatformOrderId, string StoreId, string TerminalId, string? CashierId, decimal GrandTotal, string Currency, bool Created, string Location);

public sealed record PosPaymentRequest(string? Method, decimal Amount, decimal? Tendered, string? Reference, string? Series);

public sealed record PosInvoiceRequest(string? Series);

public sealed record PosInvoiceResponse(Guid Id, string Number, decimal Gross, decimal BalanceDue, string Currency, string InvoiceUrl, string ReceiptUrl);
