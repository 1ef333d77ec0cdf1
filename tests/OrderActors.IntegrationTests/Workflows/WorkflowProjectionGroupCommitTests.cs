using Microsoft.Extensions.Logging.Abstractions;
using OrderActors.IntegrationTests.Orders;
using OrderActors.Workflows;
using OrderActors.Workflows.ReadModel;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// Group commit of the workflow read model (<see cref="WorkflowProjectionBatcher"/>) on MariaDB and SQLite: many
/// instances projected at once are each written with all their tasks; a batch holding an older revision of one
/// instance and newer ones of others changes only what is newer.
/// </summary>
public sealed class WorkflowProjectionGroupCommitTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    private static WorkflowTask TaskOf(string instance, int n, string role, string? assignee, long version, WorkflowTaskStatus status) => new()
    {
        Id = WorkflowInstanceKey.TaskId(instance, n),
        OrderId = WorkflowInstanceKey.OrderOf(instance),
        FlowId = WorkflowInstanceKey.FlowOf(instance),
        StepId = $"step-{n}",
        StepType = StepType.ManualTask,
        Status = status,
        Roles = [role],
        Assignee = assignee,
        Priority = 50,
        CreatedAt = Now,
        UpdatedAt = Now,
        Version = version,
    };

    private static WorkflowInstanceView View(string key, long revision, string step, params WorkflowTask[] tasks) => new()
    {
        Key = key,
        OrderId = WorkflowInstanceKey.OrderOf(key),
        FlowId = WorkflowInstanceKey.FlowOf(key),
        Version = 1,
        Status = InstanceStatus.Running,
        CurrentStep = step,
        Tasks = tasks,
        StartedAt = Now,
        UpdatedAt = Now,
        Revision = revision,
    };

    [Theory]
    [InlineData("MySql")]
    [InlineData("Sqlite")]
    public async Task Instances_projected_at_once_are_all_written_with_their_tasks_and_older_revisions_never_win(string dialect)
    {
        var database = await ReadModelDatabases.CreateAsync(dialect, "wf_group_commit");
        var projection = new SqlWorkflowProjection(database);
        await using var batcher = new WorkflowProjectionBatcher(projection, database, NullLogger<WorkflowProjectionBatcher>.Instance);
        var queries = new WorkflowQueries(database);
        var role = $"Packer{Guid.NewGuid():N}"[..20];
        var keys = Enumerable.Range(0, 150).Select(i => WorkflowInstanceKey.For(Guid.NewGuid(), "flow-batch")).ToList();

        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (key, ct) =>
            await batcher.ProjectAsync(View(key, 1, "pack", TaskOf(key, 1, role, null, 1, WorkflowTaskStatus.Open), TaskOf(key, 2, role, null, 1, WorkflowTaskStatus.Open)), ct));

        var inbox = await queries.InboxAsync("nobody", [role], WorkflowQueries.MaxInbox);
        Assert.Equal(300, inbox.Count);
        foreach (var key in keys.Take(5))
        {
            Assert.Equal([key], await queries.InstancesOfOrderAsync(WorkflowInstanceKey.OrderOf(key)));
        }

        // One batch: the first instance's task 1 completed (newer), the second's stale copy (older revision and versions).
        await projection.ProjectManyAsync(
        [
            View(keys[0], 2, "ship", TaskOf(keys[0], 1, role, null, 2, WorkflowTaskStatus.Completed), TaskOf(keys[0], 2, role, null, 1, WorkflowTaskStatus.Open)),
            View(keys[1], 0, "older", TaskOf(keys[1], 1, role, null, 0, WorkflowTaskStatus.Cancelled)),
        ]);

        var after = await queries.InboxAsync("nobody", [role], WorkflowQueries.MaxInbox);
        Assert.Equal(299, after.Count);
        Assert.DoesNotContain(after, t => t.Id == WorkflowInstanceKey.TaskId(keys[0], 1));
        Assert.Contains(after, t => t.Id == WorkflowInstanceKey.TaskId(keys[1], 1));
    }
}
