using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Gateways;

/// <summary>Until billing exists: an invoice request is only recorded on the instance, under its request id.</summary>
public sealed class DeferredInvoiceHook : IInvoiceHook
{
    public Task<string> RequestAsync(string requestId, string kind, OrderFacts order) => Task.FromResult($"{kind}-request:{requestId}");

    public Task VoidAsync(string reference, OrderFacts order) => Task.CompletedTask;
}
