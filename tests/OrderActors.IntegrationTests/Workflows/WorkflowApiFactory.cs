using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.IntegrationTests.Infrastructure;
using Orleans.Configuration;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// The real api-host (embedded silo, SQLite read model) with role members for automatic assignment, a fast deadline
/// timer and a one-second minimum reminder period, so shard reminders are real but quick.
/// </summary>
public sealed class WorkflowApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OrderActors:Workflows:Roles:Members:Warehouse:0"] = "wh-1";
            settings["OrderActors:Workflows:Roles:Members:Warehouse:1"] = "wh-2";
            settings["OrderActors:Workflows:Roles:Members:Manager:0"] = "boss";
            settings["OrderActors:Workflows:Roles:Custom:0"] = "Packer";
            settings["OrderActors:Workflows:Deadlines:ShardCount"] = "8";
            settings["OrderActors:Workflows:Deadlines:TimerResolution"] = "00:00:00.250";
            settings["OrderActors:Workflows:Deadlines:ReminderPeriod"] = "00:00:02";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)));
    }

    /// <summary>A client for a user with a fixed id, roles (<c>role</c> claims) and permissions.</summary>
    public HttpClient CreateUserClient(string userId, string[] roles, params string[] permissions)
    {
        var token = TestUsers.IssueToken(Services, userId, roles, permissions);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
