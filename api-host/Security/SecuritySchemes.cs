namespace OrderActors.ApiHost.Security;

/// <summary>Authentication scheme names. <see cref="Default"/> picks one of the others per request.</summary>
public static class SecuritySchemes
{
    public const string Default = "OrderActors";
    public const string Bearer = Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme;
    public const string Cookie = "Cookies";
    public const string ApiKey = "ApiKey";

    public const string ApiKeyHeader = "X-Api-Key";
    public const string CookieName = "orderactors.auth";
}
