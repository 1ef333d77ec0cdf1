using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderActors.Billing;
using OrderActors.Grains.Billing;
using OrderActors.Grains.Housekeeping;
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
        services.AddSingleton<IReturnApprovalGateway, WorkflowReturnApprovalGateway>();
        services.AddSingleton<IReturnProjection, SqlReturnProjection>();
        services.AddSingleton<ReturnQueries>();
        services.AddSingleton<IStockProjection, SqlStockProjection>();
        services.AddSingleton<StockQueries>();
        services.AddSingleton<IFileStorage>(_ => CreateFileStorage(configuration, options));
        var billing = new BillingOptions();
        configuration.GetSection(BillingOptions.Section).Bind(billing);
        services.AddSingleton(billing);
        services.AddHttpClient<IExternalBillingClient, HttpExternalBillingClient>(HttpExternalBillingClient.HttpClientName,
            c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<IClerkTaskStore, SqlClerkTaskStore>();
        services.AddSingleton<IInvoiceProjection, SqlInvoiceProjection>();
        services.AddSingleton<InvoiceQueries>();
        services.AddSingleton<SqlIdempotencyStore>();
        var idempotency = new IdempotencyOptions();
        configuration.GetSection(IdempotencyOptions.Section).Bind(idempotency);
        services.AddSingleton(idempotency);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageHousekeeper, IdempotencyHousekeeper>());
        return services;
    }

    /// <summary>Local disk unless <c>OrderActors:Files:Provider</c> is <c>S3</c> (settings under <c>OrderActors:Files:S3</c>).</summary>
    private static IFileStorage CreateFileStorage(IConfiguration configuration, OrderActorsOptions options)
    {
        var files = configuration.GetSection("OrderActors:Files");
        var provider = files.GetValue("Provider", FileStorageProvider.Local);
        if (provider == FileStorageProvider.S3)
        {
            var s3 = new S3FileStorageOptions();
            files.GetSection("S3").Bind(s3);
            return new S3FileStorage(s3);
        }
        return new LocalFileStorage(Path.Combine(Path.GetFullPath(options.DataDirectory), "attachments"));
    }
}
