using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

/// <summary>An api-host whose sessions end after 3 idle seconds.</summary>
public sealed class ShortSessionFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OrderActors:Security:SessionIdleTimeout"] = "00:00:03";
            return settings;
        }
    }
}
