using OrderActors.Billing;

namespace OrderActors.Grains.Billing;

[GenerateSerializer, Alias("OrderActors.Grains.Billing.InvoiceSeriesState")]
public sealed class InvoiceSeriesState
{
    [Id(0)] public long LastSequence { get; set; }

    /// <summary>
    /// Invoices whose number is committed here but whose invoice grain has not confirmed them yet. Written in the
    /// same state write as <see cref="LastSequence"/>: this is what makes a handed-out number impossible to lose.
    /// </summary>
    [Id(1)] public List<InvoiceDetails> Undelivered { get; set; } = [];
}
