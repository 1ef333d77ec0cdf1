using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OrderActors.Audit;
using OrderActors.Email;
using OrderActors.Identity;

namespace OrderActors.ApiHost.Security;

public static class SecurityServices
{
    public static IServiceCollection AddOrderActorsSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JwtSettings>(configuration.GetSection(JwtSettings.Section));
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.Section));

        services.AddSingleton(sp => new AccessStateCache(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<SecurityOptions>>().Value.SessionCheckCacheDuration));
        services.AddSingleton<UserStore>();
        services.AddSingleton<RoleStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<OneTimeTokenStore>();
        services.AddSingleton<InstallationSecrets>();
        services.AddSingleton<IAuditLog, SqlAuditLog>();
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<PasswordPolicy>();
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<BootstrapReport>();
        services.AddHostedService<IdentityBootstrapper>();

        // The key ring lives in the database (MarketplaceHosting registers it for every process); a configured directory overrides it.
        var dataProtection = services.AddDataProtection().SetApplicationName("OrderActors");
        var keysDirectory = configuration.GetSection(SecurityOptions.Section)[nameof(SecurityOptions.DataProtectionKeysDirectory)];
        if (!string.IsNullOrWhiteSpace(keysDirectory))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        }

        services.AddAuthentication(SecuritySchemes.Default)
            .AddPolicyScheme(SecuritySchemes.Default, "Bearer token, API key or dashboard cookie", o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer()
            .AddCookie(SecuritySchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(SecuritySchemes.ApiKey, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyProvider, IOptions<JwtSettings>>(ConfigureBearer);
        services.AddOptions<CookieAuthenticationOptions>(SecuritySchemes.Cookie)
            .Configure<IOptions<SecurityOptions>>(ConfigureCookie);

        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, TaskAccessHandler>();
        services.AddAuthorization(SecurityPolicies.Add);
        services.AddOrderActorsHardening();
        services.ConfigureAll<Microsoft.AspNetCore.OpenApi.OpenApiOptions>(o => o.AddDocumentTransformer<OpenApiSecuritySchemes>());
        return services;
    }

    // An explicit credential wins: API key header, then bearer token (header, or access_token for SignalR), then the cookie.
    private static string SelectScheme(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.ContainsKey(SecuritySchemes.ApiKeyHeader))
        {
            return SecuritySchemes.ApiKey;
        }
        if (request.Headers.Authorization.Count > 0 || IsHubTokenRequest(request))
        {
            return SecuritySchemes.Bearer;
        }
        return request.Cookies.ContainsKey(SecuritySchemes.CookieName) ? SecuritySchemes.Cookie : SecuritySchemes.Bearer;
    }

    private static bool IsHubTokenRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token");

    private static void ConfigureBearer(JwtBearerOptions o, SigningKeyProvider keys, IOptions<JwtSettings> jwt)
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Value.Issuer,
            ValidAudience = jwt.Value.Audience,
            IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key],
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = jwt.Value.ClockSkew,
            NameClaimType = SecurityClaims.Name,
            RoleClaimType = SecurityClaims.Role,
        };
        o.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                // SignalR sends the bearer token as the access_token query parameter (browsers cannot set headers on WebSockets).
                if (IsHubTokenRequest(context.Request))
                {
                    context.Token = context.Request.Query["access_token"];
                }
                return Task.CompletedTask;
            },
            OnTokenValidated = async context =>
            {
                var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                var principal = await validator.ValidateAsync(context.Principal!, SecuritySchemes.Bearer, context.HttpContext.RequestAborted);
                if (principal is null)
                {
                    context.Fail("The session of this token has ended.");
                    return;
                }
                context.Principal = principal;
            },
        };
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o, IOptions<SecurityOptions> security)
    {
        o.Cookie.Name = SecuritySchemes.CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = security.Value.SessionIdleTimeout;
        o.SlidingExpiration = true;
        o.LoginPath = "/login";
        o.Events = new CookieAuthenticationEvents
        {
            OnValidatePrincipal = async context =>
            {
                var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
                var principal = await validator.ValidateAsync(context.Principal!, SecuritySchemes.Cookie, context.HttpContext.RequestAborted);
                if (principal is null)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(SecuritySchemes.Cookie);
                    return;
                }
                context.ReplacePrincipal(principal);
            },
            // APIs answer with status codes; only browser pages are redirected to the sign-in page.
            OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized),
            OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden),
        };
    }

    private static Task StatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
