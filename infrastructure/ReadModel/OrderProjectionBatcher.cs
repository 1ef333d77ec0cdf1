using Microsoft.Extensions.Logging;
using OrderActors.Database;
using OrderActors.Grains.Orders.HandOvers;
using OrderActors.Orders;

namespace OrderActors.ReadModel;

/// <summary>
/// Group commit for the read model: concurrent <see cref="ProjectAsync(OrderDetails, CancellationToken)"/> calls from
/// many order grains are written together in one transaction (<see cref="SqlOrderProjection.ProjectManyAsync(IReadOnlyList{OrderDetails}, IReadOnlyList{HandOverMark}, CancellationToken)"/>,
/// through <see cref="GroupCommit{T}"/>), with the marks of those holding unconfirmed hand-overs. Per order, ordering
/// holds as before: a grain awaits its projection before projecting a newer version, and an older version never
/// overwrites a newer one in the database.
/// </summary>
public sealed class OrderProjectionBatcher(SqlOrderProjection projection, ReadModelDatabase database, ILogger<OrderProjectionBatcher> logger)
    : IOrderProjection, IAsyncDisposable
{
    /// <summary>Orders per transaction at most.</summary>
    public const int MaxBatch = 256;

    // SQLite has one writer per file anyway. On MariaDB a second writer builds and sends its batch while the first
    // waits for its commit to be flushed; their orders never overlap, statistics cells are taken in key order.
    private readonly GroupCommit<ProjectedOrder> _commits = new(
        batch => projection.ProjectManyAsync(batch.Select(p => p.Order).ToList(), batch.Where(p => p.HoldsHandOvers).Select(p => new HandOverMark(p.Order.Id, p.Order.Version)).ToList()),
        database.Dialect == SqlDialect.Sqlite ? 1 : 2, MaxBatch, "orders", logger);

    public Task ProjectAsync(OrderDetails order, CancellationToken cancellationToken = default) =>
        ProjectAsync(order, false, cancellationToken);

    public Task ProjectAsync(OrderDetails order, bool holdsHandOvers, CancellationToken cancellationToken = default) =>
        _commits.EnqueueAsync(new ProjectedOrder(order, holdsHandOvers), cancellationToken);

    public ValueTask DisposeAsync() => _commits.DisposeAsync();

    private sealed record ProjectedOrder(OrderDetails Order, bool HoldsHandOvers);
}
