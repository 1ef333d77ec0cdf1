using OrderActors.ApiHost.Apis.Billing;
using OrderActors.ApiHost.Documents;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.ApiHost.Security;
using OrderActors.Billing;
using OrderActors.Grains.Billing;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis;

public static class InvoicesApi
{
    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/invoices").WithTags("Invoices");
        invoices.MapGet("/", List).RequirePermission(Permissions.BillingRead);
        invoices.MapGet("/manual-billing-tasks", ManualBillingTasks).RequirePermission(Permissions.BillingRead);
        invoices.MapPost("/external-billing/retry", RetryExternalBilling).RequirePermission(Permissions.BillingWrite);
        invoices.MapGet("/{id:guid}", Get).RequirePermission(Permissions.BillingRead);
        invoices.MapGet("/{id:guid}/events", Events).RequirePermission(Permissions.BillingRead);
        invoices.MapGet("/{id:guid}/document", Document).RequirePermission(Permissions.BillingRead);
        invoices.MapGet("/{id:guid}/receipt", Receipt).RequirePermission(Permissions.BillingRead);
        invoices.MapGet("/{id:guid}/credit-notes/{creditNoteId}/document", CreditNoteDocument).RequirePermission(Permissions.BillingRead);
        invoices.MapPost("/{id:guid}/payments", RecordPayment).RequirePermission(Permissions.BillingWrite);
        invoices.MapPost("/{id:guid}/credit-notes", IssueCreditNote).RequirePermission(Permissions.BillingWrite);
        invoices.MapPost("/{id:guid}/void", Void).RequirePermission(Permissions.BillingWrite);
        invoices.MapPost("/{id:guid}/manual-billing", CompleteManualBilling).RequirePermission(Permissions.BillingWrite);

        var orders = app.MapGroup("/api/orders").WithTags("Invoices");
        orders.MapPost("/{id:guid}/invoices", IssueForOrder).RequirePermission(Permissions.BillingWrite);
        orders.MapGet("/{id:guid}/billing", OrderBilling).RequirePermission(Permissions.BillingRead);
        return app;
    }

    private static async Task<IResult> List(InvoiceQueries queries, Guid? orderId, string? series, string? status, int? limit, CancellationToken ct)
    {
        var validation = new Validation()
            .Require(status is null || Enum.TryParse<InvoiceStatus>(status, out _), "status", $"Unknown status '{status}'.")
            .Require(limit is null or (>= 1 and <= 500), "limit", "limit must be between 1 and 500.");
        return validation.IsValid
            ? TypedResults.Ok(new { items = await queries.ListAsync(orderId, series, status, limit ?? 50, ct) })
            : validation.ToProblem();
    }

    private static async Task<IResult> Get(Guid id, IClusterClient orleans) =>
        await orleans.GetGrain<IInvoiceGrain>(id).GetDetails() is { } invoice ? TypedResults.Ok(invoice) : NotFound(id);

    private static async Task<IResult> Events(Guid id, IClusterClient orleans) =>
        TypedResults.Ok(new { items = await orleans.GetGrain<IInvoiceGrain>(id).GetOutbox() });

    private static async Task<IResult> Document(Guid id, HttpContext context, IClusterClient orleans) =>
        await orleans.GetGrain<IInvoiceGrain>(id).GetDetails() is { } invoice
            ? DocumentFormats.Render(context, () => InvoiceDocument.RenderInvoice(invoice), () => InvoicePdf.RenderInvoice(invoice), $"{invoice.Number}.pdf")
            : NotFound(id);

    internal static async Task<IResult> Receipt(Guid id, HttpContext context, IClusterClient orleans) =>
        await orleans.GetGrain<IInvoiceGrain>(id).GetDetails() is { } invoice
            ? DocumentFormats.Render(context, () => InvoiceDocument.RenderReceipt(invoice), () => InvoicePdf.RenderReceipt(invoice), $"receipt-{invoice.Number}.pdf")
            : NotFound(id);

    /// <summary>A credit note by its id or its number.</summary>
    private static async Task<IResult> CreditNoteDocument(Guid id, string creditNoteId, HttpContext context, IClusterClient orleans)
    {
        var invoice = await orleans.GetGrain<IInvoiceGrain>(id).GetDetails();
        if (invoice is null)
        {
            return NotFound(id);
        }
        var note = invoice.CreditNotes.FirstOrDefault(n => n.Id == creditNoteId || n.Number == creditNoteId);
        return note is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Credit note not found.", detail: $"Invoice {invoice.Number} has no credit note '{creditNoteId}'.")
            : DocumentFormats.Render(context, () => InvoiceDocument.RenderCreditNote(invoice, note), () => InvoicePdf.RenderCreditNote(invoice, note), $"{note.Number}.pdf");
    }

    private static Task<IResult> RecordPayment(Guid id, HttpContext context, IClusterClient orleans) =>
        IdempotentCommand.RunAsync(context, "invoices.payments", keyRequired: false, async () =>
        {
            var (body, problem) = await JsonBody.ReadAsync<PaymentRequest>(context.Request, context.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }
            var operationId = IdempotentCommand.KeyOf(context.Request) is { Length: > 0 } key ? $"api:{context.User.ToActor().Id}:{key}" : $"api:{Guid.NewGuid():N}";
            return await RecordPaymentAsync(orleans.GetGrain<IInvoiceGrain>(id), body!, operationId, context.User.ToActor());
        });

    /// <summary>Validates and records a payment; shared with the POS API.</summary>
    internal static async Task<IResult> RecordPaymentAsync(IInvoiceGrain grain, PaymentRequest body, string operationId, Actor actor)
    {
        var validation = new Validation();
        var known = Enum.TryParse<PaymentMethod>(body.Method, ignoreCase: false, out var method) && Enum.IsDefined(method) && !int.TryParse(body.Method, out _);
        validation.Require(known, "method", $"Unknown payment method '{body.Method}'. Use one of: {string.Join(", ", Enum.GetNames<PaymentMethod>())}.");
        validation.Require(body.Amount > 0, "amount", "amount must be positive.");
        validation.Require(body.Tendered is null || method == PaymentMethod.Cash, "tendered", "tendered applies to cash only.");
        validation.Require(body.Tendered is null || body.Tendered >= body.Amount, "tendered", "tendered must be at least amount.");
        validation.Require(body.Reference is null || body.Reference.Length <= 200, "reference", "reference is at most 200 characters.");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }
        var result = await grain.RecordPayment(new RecordPaymentCommand(operationId, method, body.Amount, body.Tendered, body.Reference, actor));
        if (!result.Succeeded)
        {
            return Failed(result, "amount");
        }
        var invoice = result.Invoice!;
        var payment = invoice.Payments.First(p => p.Id == result.ItemId);
        return CommandResponse.Created($"/api/invoices/{invoice.Id}", new PaymentResponse(
            invoice.Id, invoice.Number, payment.Id, payment.Method.ToString(), payment.Amount, payment.Tendered, payment.Change, invoice.BalanceDue, invoice.Currency));
    }

    private static Task<IResult> IssueCreditNote(Guid id, HttpContext context, IClusterClient orleans) =>
        IdempotentCommand.RunAsync(context, "invoices.credit-notes", keyRequired: false, async () =>
        {
            var (body, problem) = await JsonBody.ReadAsync<CreditNoteRequest>(context.Request, context.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }
            var refundMethod = RefundMethod.OriginalPayment;
            var validation = new Validation()
                .Require(body!.Amount > 0, "amount", "amount must be positive.")
                .Require(!string.IsNullOrWhiteSpace(body.Reason) && body.Reason.Length <= 400, "reason", "reason is required (at most 400 characters).")
                .Require(body.RefundMethod is null || (Enum.TryParse(body.RefundMethod, false, out refundMethod) && Enum.IsDefined(refundMethod)), "refundMethod",
                    $"Unknown refund method. Use one of: {string.Join(", ", Enum.GetNames<RefundMethod>())}.");
            if (!validation.IsValid)
            {
                return validation.ToProblem();
            }
            var operationId = IdempotentCommand.KeyOf(context.Request) is { Length: > 0 } key ? $"api:{context.User.ToActor().Id}:{key}" : $"api:{Guid.NewGuid():N}";
            var result = await orleans.GetGrain<IInvoiceGrain>(id).IssueCreditNote(new IssueCreditNoteCommand(operationId, body.Amount, body.Reason!, null, refundMethod, context.User.ToActor()));
            if (!result.Succeeded)
            {
                return Failed(result, "amount");
            }
            var note = result.Invoice!.CreditNotes.First(c => c.Id == result.ItemId);
            return CommandResponse.Created($"/api/invoices/{id}", note);
        });

    private static Task<IResult> Void(Guid id, HttpContext context, IClusterClient orleans) =>
        IdempotentCommand.RunAsync(context, "invoices.void", keyRequired: false, async () =>
        {
            var (body, problem) = await JsonBody.ReadAsync<VoidInvoiceRequest>(context.Request, context.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }
            if (string.IsNullOrWhiteSpace(body!.Reason) || body.Reason.Length > 400)
            {
                return new Validation().Add("reason", "reason is required (at most 400 characters).").ToProblem();
            }
            var result = await orleans.GetGrain<IInvoiceGrain>(id).Void(body.Reason.Trim(), context.User.ToActor());
            return result.Succeeded ? CommandResponse.Ok(result.Invoice!) : Failed(result, "reason");
        });

    private static Task<IResult> CompleteManualBilling(Guid id, HttpContext context, IClusterClient orleans) =>
        IdempotentCommand.RunAsync(context, "invoices.manual-billing", keyRequired: false, async () =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ManualBillingRequest>(context.Request, context.RequestAborted);
            if (problem is not null)
            {
                return problem;
            }
            if (string.IsNullOrWhiteSpace(body!.ExternalReference) || body.ExternalReference.Length > 128)
            {
                return new Validation().Add("externalReference", "externalReference (the fiscal number written by hand) is required, at most 128 characters.").ToProblem();
            }
            var result = await orleans.GetGrain<IInvoiceGrain>(id).CompleteManualBilling(body.ExternalReference.Trim(), context.User.ToActor());
            return result.Succeeded ? CommandResponse.Ok(result.Invoice!) : Failed(result, "externalReference");
        });

    private static async Task<IResult> ManualBillingTasks(IClerkTaskStore tasks, string? status, int? limit, CancellationToken ct) =>
        TypedResults.Ok(new { items = await tasks.ListAsync(ClerkTask.ManualBilling, status, limit ?? 100, ct) });

    private static async Task<IResult> RetryExternalBilling(IClusterClient orleans) =>
        TypedResults.Ok(new { stillQueued = await orleans.GetGrain<IExternalBillingOutboxGrain>(0).Flush() });

    private static Task<IResult> IssueForOrder(Guid id, HttpContext context, IClusterClient orleans, InvoiceIssuer issuer) =>
        IdempotentCommand.RunAsync(context, "orders.invoices", keyRequired: false, async () =>
        {
            string? series = null;
            if (context.Request.ContentLength is > 0 || context.Request.HasJsonContentType())
            {
                var (body, problem) = await JsonBody.ReadAsync<IssueInvoiceRequest>(context.Request, context.RequestAborted);
                if (problem is not null)
                {
                    return problem;
                }
                series = body!.Series;
            }
            if (series is not null && !InvoiceIssuer.SeriesPattern().IsMatch(series))
            {
                return new Validation().Add("series", "series is 1-48 upper-case letters, digits and dashes, starting with a letter or digit.").ToProblem();
            }
            if (await orleans.GetGrain<IOrderGrain>(id).GetDetails() is not { } order)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Order not found.", detail: $"No order has id {id}.");
            }
            var requestKey = IdempotentCommand.KeyOf(context.Request) is { Length: > 0 } key ? $"key:{key}" : InvoiceDrafts.OrderKey(order.Id);
            var (invoice, created) = await issuer.IssueAsync(order, series, requestKey, context.User.ToActor());
            var response = new InvoiceCreatedResponse(invoice.Id, invoice.Number, invoice.Series, invoice.Sequence, invoice.Totals.Gross, invoice.Currency);
            return created ? CommandResponse.Created($"/api/invoices/{invoice.Id}", response) : CommandResponse.Ok(response);
        });

    private static async Task<IResult> OrderBilling(Guid id, IClusterClient orleans)
    {
        var summary = await orleans.GetGrain<IOrderBillingGrain>(id).GetSummary();
        return TypedResults.Ok(new
        {
            summary.OrderId,
            billingMode = summary.ManualBilling ? "Manual" : "Automatic",
            summary.ManualBilling,
            summary.Invoices,
            summary.InvoicesNeedingManualBilling,
        });
    }

    private static IResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Invoice not found.", detail: $"No invoice has id {id}.");

    internal static IResult Failed(InvoiceCommandResult result, string field) => result.Outcome == InvoiceCommandOutcome.NotFound
        ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Invoice not found.")
        : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The invoice does not allow this.", detail: result.Error, extensions: new Dictionary<string, object?> { ["field"] = field });
}
