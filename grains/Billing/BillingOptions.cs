using OrderActors.Billing;

namespace OrderActors.Grains.Billing;

/// <summary>The <c>OrderActors:Billing</c> configuration section.</summary>
public sealed class BillingOptions
{
    public const string Section = "OrderActors:Billing";

    /// <summary>Base URL of the external POS/fiscal billing endpoint (docs/pos-billing-contract.md); empty: none.</summary>
    public string? ExternalEndpoint { get; set; }

    /// <summary>Bearer token sent to the external endpoint, if it wants one.</summary>
    public string? ExternalApiKey { get; set; }

    /// <summary>How long one call to the external endpoint may take before billing falls back to manual.</summary>
    public TimeSpan ExternalTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often queued invoices are retried while the outbox grain is active.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    public decimal DefaultTaxRate { get; set; }

    public bool DefaultPricesIncludeTax { get; set; } = true;

    /// <summary>Per store (the order's account id, or a POS store id): its tax rate and price mode.</summary>
    public Dictionary<string, StoreBillingOptions> Stores { get; set; } = new(StringComparer.Ordinal);

    public bool ExternalBillingConfigured => !string.IsNullOrWhiteSpace(ExternalEndpoint);

    public TaxPolicy TaxPolicyFor(string storeId) =>
        Stores.TryGetValue(storeId, out var store)
            ? new TaxPolicy(store.TaxRate ?? DefaultTaxRate, store.PricesIncludeTax ?? DefaultPricesIncludeTax)
            : new TaxPolicy(DefaultTaxRate, DefaultPricesIncludeTax);
}

public sealed class StoreBillingOptions
{
    public decimal? TaxRate { get; set; }

    public bool? PricesIncludeTax { get; set; }

    public string? Name { get; set; }
}
