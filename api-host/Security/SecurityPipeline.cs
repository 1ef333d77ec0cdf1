namespace OrderActors.ApiHost.Security;

public static class SecurityPipeline
{
    /// <summary>Headers, body limits, CORS, authentication, rate limits, authorization and the audit of state changes, in that order.</summary>
    public static void UseOrderActorsSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseCors(HardeningServices.CorsPolicy);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseMiddleware<StateChangeAuditMiddleware>();
        app.UseAuthorization();
    }
}
