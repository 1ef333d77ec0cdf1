using Orleans.Dashboard;
using OrderActors.ApiHost.Security;
using OrderActors.Hosting;

namespace OrderActors.ApiHost.Components;

/// <summary>
/// The Orleans cluster dashboard at <c>/dashboard</c>, for holders of <c>users.manage</c> (administrators). It needs a
/// silo in the process, so it exists in embedded mode; in cluster mode the api-hosts are clients and do not offer it.
/// </summary>
public static class OrleansDashboardSetup
{
    public const string Path = "/dashboard";

    public static ISiloBuilder AddOrleansDashboardForAdmins(this ISiloBuilder silo) => silo.AddDashboard();

    public static void MapOrleansDashboardForAdmins(this WebApplication app)
    {
        if (app.Services.GetRequiredService<OrderActorsOptions>().Mode == RunMode.Embedded)
        {
            app.MapOrleansDashboard(routePrefix: Path).RequirePermission(Permissions.UsersManage);
        }
    }
}
