using OrderActors.IntegrationTests.Infrastructure;

namespace OrderActors.IntegrationTests.Identity;

/// <summary>An api-host with tiny limits: 4-second access tokens without clock skew, 3 sign-ins and 3 API key requests per minute.</summary>
public sealed class StrictLimitsFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OrderActors:Jwt:AccessTokenLifetime"] = "00:00:04";
            settings["OrderActors:Jwt:ClockSkew"] = "00:00:00";
            settings["OrderActors:Security:SignInPermitsPerMinute"] = "3";
            settings["OrderActors:Security:ApiKeyPermitsPerMinute"] = "3";
            return settings;
        }
    }
}
