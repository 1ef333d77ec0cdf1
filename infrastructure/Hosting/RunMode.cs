namespace OrderActors.Hosting;

public enum RunMode
{
    /// <summary>One process: api-host with a co-hosted silo on a SQLite file. The default.</summary>
    Embedded = 0,

    /// <summary>Silo processes and api-host clients on MySQL/MariaDB.</summary>
    Cluster = 1,
}
