using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrderActors.Database;
using OrderActors.Grains.Housekeeping;
using OrderActors.Grains.Marketplaces;
using OrderActors.Hosting;
using OrderActors.Marketplaces.Events;
using OrderActors.Marketplaces.ReadModel;
using OrderActors.Marketplaces.Security;
using OrderActors.Marketplaces.Webhooks;

namespace OrderActors.Marketplaces;

/// <summary>Marketplace services for every process: connectors, credential encryption, account read model, webhook inbox.</summary>
public static class MarketplaceHosting
{
    public static IServiceCollection AddOrderActorsMarketplaces(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMarketplaceConnectors(configuration);
        // Keys live in the database, so every silo and api-host of a cluster shares one key ring.
        services.AddDataProtection().SetApplicationName("OrderActors");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new OrderActors.Identity.DatabaseXmlRepository(sp.GetRequiredService<ReadModelDatabase>(), sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<ICredentialProtector, DataProtectionCredentialProtector>();
        services.AddSingleton<IPlatformAccountProjection, SqlPlatformAccountProjection>();
        services.AddSingleton<IAccountEventSink, StreamAccountEventSink>();
        services.AddSingleton<PlatformAccountQueries>();
        services.AddSingleton<WebhookInbox>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStorageHousekeeper, WebhookInboxHousekeeper>());
        return services;
    }

    /// <summary>Receiving webhooks (signature check with cached keys, group-committed inbox) and the inbox processor: the api-host.</summary>
    public static IServiceCollection AddWebhookInboxProcessor(this IServiceCollection services)
    {
        services.AddSingleton<WebhookVerifier>();
        services.AddSingleton<WebhookInboxWriter>();
        services.AddSingleton<WebhookInboxProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookInboxProcessor>());
        return services;
    }
}
