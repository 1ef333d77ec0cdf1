using Microsoft.Extensions.Configuration;

namespace OrderActors.Hosting;

/// <summary>The <c>OrderActors</c> configuration section (environment: <c>OrderActors__Mode</c>, ...).</summary>
public sealed class OrderActorsOptions
{
    public const string Section = "OrderActors";
    public const string ConnectionStringName = "OrderActors";

    public RunMode Mode { get; set; } = RunMode.Embedded;

    /// <summary>Where the embedded node keeps its SQLite file and other local data.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Runs the embedded node against the in-process marketplace simulator.</summary>
    public bool Demo { get; set; }

    /// <summary>Orleans cluster id; all silos and api-hosts of one installation share it.</summary>
    public string ClusterId { get; set; } = "orderactors";

    public string ServiceId { get; set; } = "orderactors";

    /// <summary>Silo-to-silo port (cluster mode; embedded uses localhost defaults).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port (cluster mode).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address (IP or host name) a cluster silo publishes in the membership table for other silos and
    /// clients to reach it. Loopback suits silos on one machine; set this host's address when they span machines.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    public static OrderActorsOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var options = new OrderActorsOptions();
        configuration.GetSection(Section).Bind(options);
        return options;
    }

    public string SqliteFilePath => Path.Combine(Path.GetFullPath(DataDirectory), "orderactors.db");
}
