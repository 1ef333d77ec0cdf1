using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.ApiHost.Security;
using OrderActors.Identity;
using OrderActors.IntegrationTests.Infrastructure;
using Orleans.Configuration;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// The real api-host (embedded silo, SQLite read model) with a fast deadline timer and a one-second minimum reminder
/// period, so shard reminders are real but quick. <see cref="EnsureStaff"/> stores the people tasks are assigned to
/// in the identity store: wh-1 and wh-2 (Warehouse), boss (Manager), and the custom role Packer.
/// </summary>
public class WorkflowApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["OrderActors:Workflows:Deadlines:ShardCount"] = "8";
            settings["OrderActors:Workflows:Deadlines:TimerResolution"] = "00:00:00.250";
            settings["OrderActors:Workflows:Deadlines:ReminderPeriod"] = "00:00:02";
            // Short, so deadlines due later than 2 s are found by the shards reading the store, not told to them.
            settings["OrderActors:Workflows:Deadlines:NoticeWindow"] = "00:00:02";
            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)));
    }

    private readonly Lazy<bool> _staff;

    public WorkflowApiFactory() => _staff = new Lazy<bool>(() =>
    {
        Task.Run(async () =>
        {
            var roles = Services.GetRequiredService<RoleStore>();
            await roles.UpsertAsync(new RoleDefinition("Packer", "packs parcels", false, [Permissions.TasksWork]));
            var users = Services.GetRequiredService<UserStore>();
            foreach (var (id, role) in new[] { ("wh-1", "Warehouse"), ("wh-2", "Warehouse"), ("boss", "Manager") })
            {
                if (await users.FindByIdAsync(id) is null)
                {
                    await users.CreateAsync(id, $"{id}@staff.test", id, null, [role]);
                }
            }
        }).GetAwaiter().GetResult();
        return true;
    });

    public void EnsureStaff() => _ = _staff.Value;

    /// <summary>A client for a user with a fixed id, roles (<c>role</c> claims) and permissions.</summary>
    public HttpClient CreateUserClient(string userId, string[] roles, params string[] permissions)
    {
        var token = TestUsers.IssueToken(Services, userId, roles, permissions);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
