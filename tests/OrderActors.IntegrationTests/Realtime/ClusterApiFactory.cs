using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Messaging;
using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Realtime;

/// <summary>
/// The real api-host in cluster mode (an Orleans client on MariaDB) joined to a <see cref="FeedCluster"/>. Only the
/// gateway list differs from production: the test cluster's silos are found by address instead of the membership table.
/// </summary>
public sealed class ClusterApiFactory(FeedCluster cluster, string signingKey) : ApiFactory
{
    public static string NewSigningKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["OrderActors:Mode"] = "Cluster",
        ["ConnectionStrings:OrderActors"] = cluster.Database.ConnectionString,
        ["OrderActors:ClusterId"] = cluster.Cluster.Options.ClusterId,
        ["OrderActors:ServiceId"] = cluster.Cluster.Options.ServiceId,
        ["OrderActors:Jwt:SigningKey"] = signingKey,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var gateways = cluster.Cluster.Silos.Select(s => s.GatewayAddress.ToGatewayUri()).ToList();
            services.Configure<StaticGatewayListProviderOptions>(o => o.Gateways = gateways);
            services.RemoveAll<IGatewayListProvider>();
            services.AddSingleton<IGatewayListProvider, StaticGatewayListProvider>();
        });
    }
}
