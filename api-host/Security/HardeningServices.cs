using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace OrderActors.ApiHost.Security;

/// <summary>Rate limits (sign-in per client address, requests per API key) and CORS, closed unless origins are configured.</summary>
public static class HardeningServices
{
    public const string SignInRateLimit = "sign-in";
    public const string CorsPolicy = "configured-origins";

    public static IServiceCollection AddOrderActorsHardening(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            var s = security.Value;
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = WriteRejectionAsync;
            o.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => PerMinute(s.SignInPermitsPerMinute)));
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.User.FindFirst(CallerActor.ApiKeyClaim)?.Value is { } keyId
                    ? RateLimitPartition.GetFixedWindowLimiter("key:" + keyId, _ => PerMinute(s.ApiKeyPermitsPerMinute))
                    : RateLimitPartition.GetNoLimiter(""));
        });

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
            o.AddPolicy(CorsPolicy, p =>
            {
                // No origins configured means no cross-origin access: the policy then matches nothing.
                p.WithOrigins(security.Value.CorsAllowedOrigins)
                    .WithHeaders("Authorization", "Content-Type", SecuritySchemes.ApiKeyHeader, "Idempotency-Key")
                    .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE");
            }));
        return services;
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken ct)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.",
            detail: $"Retry after {response.Headers.RetryAfter} seconds.").ExecuteAsync(context.HttpContext);
    }
}
