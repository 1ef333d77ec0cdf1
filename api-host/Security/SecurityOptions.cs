using OrderActors.Identity;

namespace OrderActors.ApiHost.Security;

/// <summary><c>OrderActors:Security</c>: account safety, sessions and hardening limits.</summary>
public sealed class SecurityOptions
{
    public const string Section = "OrderActors:Security";

    /// <summary>Consecutive failed sign-ins (wrong password or two-factor code) that lock an account.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    public int PasswordMinimumLength { get; set; } = 12;

    /// <summary>A session unused this long ends: refresh tokens slide it, the dashboard cookie slides with it.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>However active, a session ends this long after sign-in.</summary>
    public TimeSpan SessionAbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long one api-host reuses a session check (user, session, permissions) before reading it again. Changes made
    /// through the same api-host (logout, disable, password, roles) end its cached checks at once; this is the longest
    /// another api-host on the same database keeps accepting a revoked session or old permissions. Zero: no cache.
    /// </summary>
    public TimeSpan SessionCheckCacheDuration { get; set; } = AccessStateCache.DefaultDuration;

    public TimeSpan PasswordResetTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Where the password reset mail links to (the dashboard's reset page).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>Sign-in, refresh and reset requests per client address per minute.</summary>
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Requests per API key per minute.</summary>
    public int ApiKeyPermitsPerMinute { get; set; } = 600;

    /// <summary>Default request body limit; an endpoint may set its own with <c>RequestSizeLimit</c> metadata.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Browser origins allowed to call the API cross-origin. Empty (the default): none.</summary>
    public string[] CorsAllowedOrigins { get; set; } = [];

    /// <summary>Keep Data Protection keys in this directory instead of the shared database.</summary>
    public string? DataProtectionKeysDirectory { get; set; }
}
