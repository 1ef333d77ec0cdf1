using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

/// <summary>
/// The real api-host in Cluster mode: MySQL (MariaDB) for the read model, identity and audit, and an Orleans client.
/// The client reaches the test's in-process silo through a static gateway instead of the ADO.NET membership table,
/// whose migration belongs to the cluster work; everything identity shares between api-hosts goes through MariaDB.
/// </summary>
public sealed class ClusterApiFactory(string connectionString, IPEndPoint gateway, string clusterId) : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OrderActors:Mode"] = "Cluster";
            settings["OrderActors:ClusterId"] = clusterId;
            settings["OrderActors:ServiceId"] = clusterId;
            settings["ConnectionStrings:OrderActors"] = connectionString;
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IGatewayListProvider>();
            services.Configure<StaticGatewayListProviderOptions>(o => o.Gateways = [gateway.ToGatewayUri()]);
            services.AddSingleton<IGatewayListProvider, StaticGatewayListProvider>();
        });
    }
}
