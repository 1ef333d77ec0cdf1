using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.Database;
using OrderActors.Testing;
using OrderActors.Workflows;
using OrderActors.Workflows.ReadModel;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>The 0500 migration, the projection and the inbox queries on real MariaDB (the API tests cover SQLite).</summary>
public sealed class WorkflowReadModelMySqlTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static WorkflowTask Task(string instance, int n, string? assignee, string role, int priority, DateTimeOffset? due, long version = 1, WorkflowTaskStatus status = WorkflowTaskStatus.Open) => new()
    {
        Id = WorkflowInstanceKey.TaskId(instance, n),
        OrderId = WorkflowInstanceKey.OrderOf(instance),
        FlowId = WorkflowInstanceKey.FlowOf(instance),
        StepId = $"step-{n}",
        StepType = StepType.ManualTask,
        Status = assignee is null ? status : WorkflowTaskStatus.Assigned,
        Roles = [role],
        Assignee = assignee,
        Priority = priority,
        DueAt = due,
        CreatedAt = Now,
        UpdatedAt = Now,
        Version = version,
    };

    private static WorkflowInstanceView View(string key, long revision, params WorkflowTask[] tasks) => new()
    {
        Key = key,
        OrderId = WorkflowInstanceKey.OrderOf(key),
        FlowId = WorkflowInstanceKey.FlowOf(key),
        Version = 1,
        Status = InstanceStatus.Running,
        CurrentStep = "step-1",
        Tasks = tasks,
        StartedAt = Now,
        UpdatedAt = Now,
        Revision = revision,
    };

    [Fact]
    public async Task Migrates_projects_and_serves_the_inbox_sorted_by_priority_then_due_time()
    {
        var server = await MariaDbServer.GetSharedAsync();
        var database = new ReadModelDatabase(SqlDialect.MySql, await server.CreateDatabaseAsync("wf_rm"));
        var migrator = new SchemaMigrator(database, NullLogger<SchemaMigrator>.Instance);
        await migrator.MigrateAsync();
        Assert.Equal(0, await migrator.MigrateAsync());
        var projection = new SqlWorkflowProjection(database);
        var queries = new WorkflowQueries(database);
        var a = WorkflowInstanceKey.For(Guid.NewGuid(), "flow-a");
        var b = WorkflowInstanceKey.For(Guid.NewGuid(), "flow-b");

        await projection.ProjectAsync(View(a, 2,
            Task(a, 1, null, "Warehouse", 50, Now.AddHours(2)),
            Task(a, 2, "wh-1", "Warehouse", 50, Now.AddHours(1)),
            Task(a, 3, null, "Manager", 90, null)));
        await projection.ProjectAsync(View(b, 1, Task(b, 1, null, "Warehouse", 70, null)));
        // An older copy arriving late changes nothing.
        await projection.ProjectAsync(View(a, 1, Task(a, 2, "someone-else", "Warehouse", 5, null, version: 0)));

        var inbox = await queries.InboxAsync("wh-1", ["Warehouse"], 100);

        Assert.Equal([WorkflowInstanceKey.TaskId(b, 1), WorkflowInstanceKey.TaskId(a, 2), WorkflowInstanceKey.TaskId(a, 1)], inbox.Select(i => i.Id));
        Assert.Equal("wh-1", inbox[1].Assignee);
        Assert.Equal(Now.AddHours(1), inbox[1].DueAt);
        Assert.Empty(await queries.InboxAsync("wh-2", [], 100));
        Assert.Equal(1, (await queries.GetOpenTaskCountsAsync(["wh-1", "wh-2"]))["wh-1"]);
        Assert.Equal([a], await queries.InstancesOfOrderAsync(WorkflowInstanceKey.OrderOf(a)));

        await projection.ProjectAsync(View(a, 3, Task(a, 2, "wh-1", "Warehouse", 50, null, version: 2, status: WorkflowTaskStatus.Completed) with { Status = WorkflowTaskStatus.Completed }));
        Assert.DoesNotContain(await queries.InboxAsync("wh-1", ["Warehouse"], 100), i => i.Id == WorkflowInstanceKey.TaskId(a, 2));
    }
}
