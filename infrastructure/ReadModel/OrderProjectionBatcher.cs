using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrderActors.Database;
using OrderActors.Grains.Workflows.Starts;
using OrderActors.Orders;
using OrderActors.Workflows;

namespace OrderActors.ReadModel;

/// <summary>
/// Group commit for the read model: concurrent <see cref="ProjectAsync"/> calls from many order grains are gathered
/// while the previous transaction commits and written together in one transaction
/// (<see cref="SqlOrderProjection.ProjectManyAsync"/>). A caller completes only after the transaction holding its
/// order committed. When a batch fails, each of its orders is tried again alone, so one order the database refuses
/// fails only its own caller (whose grain retries it) and the rest are still written. Per order, ordering holds as
/// before: a grain awaits its projection before projecting a newer version, and an older version never overwrites a
/// newer one in the database.
/// </summary>
public sealed class OrderProjectionBatcher : IOrderProjection, IAsyncDisposable
{
    /// <summary>Orders per transaction at most: bounds a transaction's size and lock time, not the waiting.</summary>
    public const int MaxBatch = 256;

    private const int GiveUpAfterFailuresInARow = 3;

    private readonly SqlOrderProjection _projection;
    private readonly ILogger<OrderProjectionBatcher> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Task[] _writers;

    public OrderProjectionBatcher(SqlOrderProjection projection, ReadModelDatabase database, ILogger<OrderProjectionBatcher> logger)
    {
        _projection = projection;
        _logger = logger;
        // SQLite has one writer per file anyway. On MariaDB a second writer builds and sends its batch while the
        // first waits for its commit to be flushed; their orders never overlap, statistics cells are taken in key order.
        var writers = database.Dialect == SqlDialect.Sqlite ? 1 : 2;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    public Task ProjectAsync(OrderDetails order, CancellationToken cancellationToken = default) =>
        ProjectAsync(order, [], cancellationToken);

    public Task ProjectAsync(OrderDetails order, IReadOnlyCollection<FlowTrigger> pendingWorkflowStarts, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(order, [.. pendingWorkflowStarts.Select(t => new PendingWorkflowStart(order.Id, t))]);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(OrderProjectionBatcher), "The read-model projection is shutting down.");
        }
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            if (batch.Count == 0)
            {
                continue;
            }
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await _projection.ProjectManyAsync(batch.Select(p => p.Order).ToList(), batch.SelectMany(p => p.WorkflowStarts).ToList());
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            _logger.LogWarning(ex, "Projecting a batch of {Count} orders failed; projecting them one by one", batch.Count);
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }
        Exception? last = null;
        var failuresInARow = 0;
        foreach (var pending in batch)
        {
            if (failuresInARow >= GiveUpAfterFailuresInARow)
            {
                // The database itself is failing, not one order: fail the rest now; their grains retry with backoff.
                pending.Done.TrySetException(last!);
                continue;
            }
            try
            {
                await _projection.ProjectManyAsync([pending.Order], pending.WorkflowStarts);
                pending.Done.TrySetResult();
                failuresInARow = 0;
            }
            catch (Exception ex)
            {
                pending.Done.TrySetException(ex);
                last = ex;
                failuresInARow++;
            }
        }
    }

    private sealed class Pending(OrderDetails order, IReadOnlyList<PendingWorkflowStart> workflowStarts)
    {
        public OrderDetails Order { get; } = order;

        public IReadOnlyList<PendingWorkflowStart> WorkflowStarts { get; } = workflowStarts;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
