using OrderActors.Billing;

namespace OrderActors.Grains.Billing;

/// <summary>Writes an invoice's row in the read model; idempotent, and an older version never wins.</summary>
public interface IInvoiceProjection
{
    Task ProjectAsync(InvoiceDetails invoice, CancellationToken cancellationToken = default);
}
