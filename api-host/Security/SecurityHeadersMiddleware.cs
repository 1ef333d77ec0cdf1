namespace OrderActors.ApiHost.Security;

/// <summary>
/// Response headers that stop sniffing, framing and referrer leaks. API responses get a CSP that allows nothing;
/// the API reference page (/scalar) loads its own scripts and is left to its defaults.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (IsDashboardPage(path))
            {
                // The dashboard's own scripts and socket; the component library sets inline styles.
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                    "font-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; frame-ancestors 'none'";
            }
            else if (!path.StartsWithSegments("/scalar") && !path.StartsWithSegments(OrleansDashboardPath))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }
            if (path.StartsWithSegments("/api/auth"))
            {
                headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static bool IsDashboardPage(PathString path) =>
        !path.StartsWithSegments("/api") && !path.StartsWithSegments("/hubs") && !path.StartsWithSegments("/health")
        && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/metrics") && !path.StartsWithSegments("/scalar")
        && !path.StartsWithSegments(OrleansDashboardPath);

    // The Orleans cluster dashboard (admins only) loads its own scripts, like /scalar.
    private const string OrleansDashboardPath = "/dashboard";
}
