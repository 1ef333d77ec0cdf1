using Microsoft.Extensions.Logging;
using OrderActors.Database;
using OrderActors.Grains.Workflows.Instances;

namespace OrderActors.Workflows.ReadModel;

/// <summary>
/// Group commit for the workflow read model: instances projected at the same moment (every new order starts one) are
/// written in one transaction. An instance grain awaits its projection before projecting a newer revision, so one
/// instance is never in two batches at once; an older revision never overwrites a newer one in the database.
/// </summary>
public sealed class WorkflowProjectionBatcher(SqlWorkflowProjection projection, ReadModelDatabase database, ILogger<WorkflowProjectionBatcher> logger)
    : IWorkflowProjection, IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly GroupCommit<WorkflowInstanceView> _commits = new(
        instances => projection.ProjectManyAsync(instances), database.Dialect == SqlDialect.Sqlite ? 1 : 2, MaxBatch, "workflow instances", logger);

    public Task ProjectAsync(WorkflowInstanceView instance, CancellationToken cancellationToken = default) =>
        _commits.EnqueueAsync(instance, cancellationToken);

    public ValueTask DisposeAsync() => _commits.DisposeAsync();
}
