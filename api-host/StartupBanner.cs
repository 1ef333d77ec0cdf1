using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OrderActors.Hosting;

namespace OrderActors.ApiHost;

/// <summary>Tells the person who started the node where it serves and how to sign in.</summary>
public static class StartupBanner
{
    public static void Print(WebApplication app, OrderActorsOptions options)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrderActors");
        foreach (var address in addresses)
        {
            logger.LogInformation("OrderActors ({Mode}) serving at {Address} — API docs at {Address}/scalar", options.Mode, address, address);
        }
        var bootstrap = app.Services.GetRequiredService<OrderActors.ApiHost.Security.BootstrapReport>();
        logger.LogInformation("Sign in: POST /api/auth/token with {{\"email\",\"password\"}}; the answer's accessToken goes in 'Authorization: Bearer ...'");
        if (bootstrap.AdminEmail is not null)
        {
            logger.LogInformation(bootstrap.PasswordGenerated
                ? "First administrator {Email} created; its generated password was printed above, once"
                : "First administrator {Email} created from OrderActors__Bootstrap__AdminEmail/AdminPassword", bootstrap.AdminEmail);
        }
        if (options.Mode == RunMode.Embedded)
        {
            logger.LogInformation("Data directory: {DataDirectory}", Path.GetFullPath(options.DataDirectory));
        }
    }
}
