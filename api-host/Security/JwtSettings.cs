namespace OrderActors.ApiHost.Security;

/// <summary><c>OrderActors:Jwt</c>: who issues access tokens and with which key.</summary>
public sealed class JwtSettings
{
    public const string Section = "OrderActors:Jwt";

    public string Issuer { get; set; } = "orderactors";

    public string Audience { get; set; } = "orderactors-api";

    /// <summary>Base64 HMAC-SHA256 key of at least 32 bytes. When empty, one is generated per installation and kept in the database.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Tolerated clock difference between api-hosts when checking expiry.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
