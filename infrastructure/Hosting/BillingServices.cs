using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Billing;
using OrderActors.Grains.Billing;
using OrderActors.Files;
using OrderActors.Grains.Returns;
using OrderActors.Grains.Stock;
using OrderActors.Idempotency;
using OrderActors.Returns;
using OrderActors.Stock;

namespace OrderActors.Hosting;

/// <summary>Registrations of returns, billing, stock and POS, for the silo and the api-host.</summary>
public static class BillingServices
{
    public static IServiceCollection AddOrderActorsBilling(this IServiceCollection services, IConfiguration configuration, OrderActorsOptions options)
    {
        var returns = new ReturnsOptions();
        configuration.GetSection(ReturnsOptions.Section).Bind(returns);
        services.AddSingleton(returns);
        services.AddSingleton<IReturnApprovalGateway, ThresholdReturnApprovalGateway>();
        services.AddSingleton<IReturnProjection, SqlReturnProjection>();
        services.AddSingleton<ReturnQueries>();
        services.AddSingleton<IStockProjection, SqlStockProjection>();
        services.AddSingleton<StockQueries>();
        services.AddSingleton<IFileStorage>(_ => new LocalFileStorage(Path.Combine(Path.GetFullPath(options.DataDirectory), "attachments")));
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
