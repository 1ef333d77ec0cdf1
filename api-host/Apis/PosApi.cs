using System.Text.RegularExpressions;
using OrderActors.ApiHost.Apis.Billing;
using OrderActors.ApiHost.Apis.Orders;
using OrderActors.ApiHost.Apis.Pos;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Billing;
using OrderActors.Grains.Billing;
using OrderActors.Grains.Returns;
using OrderActors.Orders;
using OrderActors.Returns;

namespace OrderActors.ApiHost.Apis;

/// <summary>In-store terminals: every POST needs an <c>Idempotency-Key</c>, because terminals retry on flaky networks.</summary>
public static partial class PosApi
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex IdPattern();

    public static RouteGroupBuilder MapPosApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pos").WithTags("POS").RequirePermission(Permissions.PosUse);
        group.MapPost("/orders", CreateOrder);
        group.MapPost("/orders/{id:guid}/invoice", IssueInvoice);
        group.MapPost("/orders/{id:guid}/payments", TakePayment);
        group.MapGet("/invoices/{id:guid}/receipt", (Guid id, HttpContext context, IClusterClient orleans) => InvoicesApi.Receipt(id, context, orleans));
        group.MapPost("/returns", (HttpContext c, IClusterClient o, ReturnsOptions opt) =>
            IdempotentCommand.RunAsync(c, "pos.returns", keyRequired: true, () => ReturnsApi.CreateAsync(c, o, opt, ReturnSource.Pos, ReturnChannel.InStore)));
        return group;
    }

    private static Task<IResult> CreateOrder(HttpContext context, IClusterClient orleans, TimeProvider time) =>
        IdempotentCommand.RunAsync(context, "pos.orders", keyRequired: true, async () =>
        {
            var request = context.Request;
            var (body, problem) = await JsonBody.ReadAsync<CreateOrderRequest>(request, context.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }
            request.Body.Position = 0;
            var (pos, _) = await JsonBody.ReadAsync<PosOrderFields>(request, context.RequestAborted);

            var key = IdempotentCommand.KeyOf(request)!;
            var terminalId = pos!.TerminalId;
            var storeId = pos.StoreId ?? body!.AccountId ?? terminalId;
            var order = body! with
            {
                AccountId = storeId,
                PlatformOrderId = body.PlatformOrderId ?? (terminalId is null ? null : $"{terminalId}-{key}"),
                Tags = [.. body.Tags ?? [], $"terminal:{terminalId}", .. pos.CashierId is null ? Array.Empty<string>() : [$"cashier:{pos.CashierId}"]],
            };
            var validation = CreateOrderValidator.Validate(order)
                .Require(body.Platform == nameof(SourcePlatform.Pos), "platform", "platform must be \"Pos\" on the POS API.")
                .Require(terminalId is not null && IdPattern().IsMatch(terminalId), "terminalId", "terminalId is required: 1-64 letters, digits, '.', '_' or '-'.")
                .Require(pos.CashierId is null || IdPattern().IsMatch(pos.CashierId), "cashierId", "cashierId is 1-64 letters, digits, '.', '_' or '-'.")
                .Require(pos.StoreId is null || IdPattern().IsMatch(pos.StoreId), "storeId", "storeId is 1-64 letters, digits, '.', '_' or '-'.")
                .Require(pos.Location is null || IdPattern().IsMatch(pos.Location), "location", "location is 1-64 letters, digits, '.', '_' or '-'.");
            if (!validation.IsValid)
            {
                return validation.ToProblem();
            }

            // An in-store sale is handed over at the counter: the order is complete when it is created.
            var snapshot = CreateOrderValidator.ToSnapshot(order, $"pos:{key}", context.User.ToActor(), time.GetUtcNow()) with { Status = OrderStatus.Completed };
            var grain = orleans.GetGrain<IOrderGrain>(snapshot.OrderId);
            var existing = await grain.GetDetails();
            var details = existing ?? (await grain.Upsert(snapshot)).Order;
            var location = pos.Location ?? details.AccountId;
            // Also after an earlier attempt created the order: the movements are idempotent by order and SKU.
            await PosStockMovements.RecordSaleAsync(orleans, details, location, context.User.ToActor());
            var response = new PosOrderResponse(details.Id, details.PlatformOrderId, details.AccountId, terminalId!, pos.CashierId, details.Totals.GrandTotal, details.Currency, existing is null, location);
            return existing is null ? CommandResponse.Created($"/api/orders/{details.Id}", response) : CommandResponse.Ok(response);
        });

    private static Task<IResult> IssueInvoice(Guid id, HttpContext context, IClusterClient orleans, InvoiceIssuer issuer) =>
        IdempotentCommand.RunAsync(context, "pos.invoice", keyRequired: true, async () =>
        {
            var series = await ReadSeriesAsync(context);
            if (series.Problem is not null)
            {
                return series.Problem;
            }
            var (invoice, problem) = await EnsureInvoiceAsync(id, series.Value, context, orleans, issuer);
            return problem ?? CommandResponse.Created($"/api/invoices/{invoice!.Id}", ToResponse(invoice));
        });

    private static Task<IResult> TakePayment(Guid id, HttpContext context, IClusterClient orleans, InvoiceIssuer issuer) =>
        IdempotentCommand.RunAsync(context, "pos.payments", keyRequired: true, async () =>
        {
            var (body, problem) = await JsonBody.ReadAsync<PosPaymentRequest>(context.Request, context.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }
            if (body!.Series is not null && !InvoiceIssuer.SeriesPattern().IsMatch(body.Series))
            {
                return new Validation().Add("series", "series is 1-48 upper-case letters, digits and dashes.").ToProblem();
            }
            var (invoice, notFound) = await EnsureInvoiceAsync(id, body.Series, context, orleans, issuer);
            if (notFound is not null)
            {
                return notFound;
            }
            var operationId = $"pos:{context.User.ToActor().Id}:{IdempotentCommand.KeyOf(context.Request)}";
            return await InvoicesApi.RecordPaymentAsync(
                orleans.GetGrain<IInvoiceGrain>(invoice!.Id),
                new PaymentRequest(body.Method, body.Amount, body.Tendered, body.Reference),
                operationId,
                context.User.ToActor());
        });

    /// <summary>The order's POS invoice: one per order and series, issued on first need.</summary>
    private static async Task<(InvoiceDetails? Invoice, IResult? Problem)> EnsureInvoiceAsync(Guid orderId, string? series, HttpContext context, IClusterClient orleans, InvoiceIssuer issuer)
    {
        if (await orleans.GetGrain<IOrderGrain>(orderId).GetDetails() is not { } order)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Order not found.", detail: $"No order has id {orderId}."));
        }
        var (invoice, _) = await issuer.IssueAsync(order, series, InvoiceDrafts.OrderKey(order.Id), context.User.ToActor());
        return (invoice, null);
    }

    private static async Task<(string? Value, IResult? Problem)> ReadSeriesAsync(HttpContext context)
    {
        if (context.Request.ContentLength is null or 0 && !context.Request.HasJsonContentType())
        {
            return (null, null);
        }
        var (body, problem) = await JsonBody.ReadAsync<PosInvoiceRequest>(context.Request, context.RequestAborted);
        if (problem is not null)
        {
            return (null, problem);
        }
        return body!.Series is not null && !InvoiceIssuer.SeriesPattern().IsMatch(body.Series)
            ? (null, new Validation().Add("series", "series is 1-48 upper-case letters, digits and dashes.").ToProblem())
            : (body.Series, null);
    }

    private static PosInvoiceResponse ToResponse(InvoiceDetails invoice) => new(
        invoice.Id, invoice.Number, invoice.Totals.Gross, invoice.BalanceDue, invoice.Currency,
        $"/api/invoices/{invoice.Id}/document", $"/api/pos/invoices/{invoice.Id}/receipt");
}
