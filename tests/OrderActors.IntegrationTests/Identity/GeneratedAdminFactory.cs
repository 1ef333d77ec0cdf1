using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

/// <summary>An embedded node started without <c>OrderActors:Bootstrap</c>: it must generate the first administrator.</summary>
public sealed class GeneratedAdminFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings.Remove("OrderActors:Bootstrap:AdminEmail");
            settings.Remove("OrderActors:Bootstrap:AdminPassword");
            return settings;
        }
    }
}
