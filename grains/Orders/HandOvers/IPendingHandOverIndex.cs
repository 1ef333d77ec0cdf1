namespace OrderActors.Grains.Orders.HandOvers;

/// <summary>
/// The durable, indexed list of orders holding a hand-over their receiver has not confirmed: a workflow start, a
/// decision made outside the workflow, a marketplace write-back. The order projection marks such an order in the
/// transaction of its read-model row (<see cref="ReadModel.IOrderProjection"/>), so whatever a command recorded and
/// answered is marked; the order clears its mark once every receiver confirmed. A mark left behind (a silo died
/// between recording and confirming) is what the hand-over sweep resumes.
/// </summary>
public interface IPendingHandOverIndex
{
    /// <summary>Orders whose mark was last attempted before <paramref name="attemptedBefore"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<Guid>> DueAsync(DateTimeOffset attemptedBefore, int max, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="attemptAt"/> as the marks' last attempt: they are due again only after the grace age.</summary>
    Task PostponeAsync(IReadOnlyCollection<Guid> orderIds, DateTimeOffset attemptAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the marks written at or before each order's <see cref="HandOverMark.OrderVersion"/>: the order held
    /// nothing unconfirmed at that version. A newer mark (a later command recorded a hand-over) stays, so clears may
    /// arrive late or out of order; a mark that is not there is fine.
    /// </summary>
    Task ClearAsync(IReadOnlyCollection<HandOverMark> marks, CancellationToken cancellationToken = default);
}
