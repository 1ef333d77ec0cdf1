using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Billing;
using OrderActors.Grains.Billing;
using OrderActors.Idempotency;

namespace OrderActors.Hosting;

/// <summary>Registrations of returns, billing, stock and POS, for the silo and the api-host.</summary>
public static class BillingServices
{
    public static IServiceCollection AddOrderActorsBilling(this IServiceCollection services, IConfiguration configuration)
    {
        var billing = new BillingOptions();
        configuration.GetSection(BillingOptions.Section).Bind(billing);
        services.AddSingleton(billing);
        services.AddHttpClient<IExternalBillingClient, HttpExternalBillingClient>(HttpExternalBillingClient.HttpClientName,
            c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IClerkTaskStore, SqlClerkTaskStore>();
        services.AddSingleton<IInvoiceProjection, SqlInvoiceProjection>();
        services.AddSingleton<InvoiceQueries>();
        services.AddSingleton<SqlIdempotencyStore>();
        return services;
    }
}
