using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Gateways;

/// <summary>Where the billing work plugs into Invoice steps.</summary>
public interface IInvoiceHook
{
    /// <summary>Creates (idempotently by <paramref name="requestId"/>) an invoice or refund; returns its reference.</summary>
    Task<string> RequestAsync(string requestId, string kind, OrderFacts order);

    /// <summary>Voids what <see cref="RequestAsync"/> created (compensation of an Invoice step).</summary>
    Task VoidAsync(string reference, OrderFacts order);
}
