namespace OrderActors.Grains.Workflows.Starts;

/// <summary>
/// The durable, indexed list of orders holding a workflow start the starter has not confirmed. The order projection
/// marks a start in the transaction of the order's read-model row (<see cref="ReadModel.IOrderProjection"/>), so every
/// start recorded by a command that was answered is marked; the starter clears the mark once it confirmed the start.
/// A mark left behind (a silo died between recording and confirming) is what the start sweep resumes.
/// </summary>
public interface IPendingWorkflowStartIndex
{
    /// <summary>Marks last attempted before <paramref name="attemptedBefore"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<PendingWorkflowStart>> DueAsync(DateTimeOffset attemptedBefore, int max, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="attemptAt"/> as the marks' last attempt: they are due again only after the grace age.</summary>
    Task PostponeAsync(IReadOnlyCollection<PendingWorkflowStart> starts, DateTimeOffset attemptAt, CancellationToken cancellationToken = default);

    /// <summary>Removes the marks of starts that were confirmed (a mark that is not there is fine).</summary>
    Task ClearAsync(IReadOnlyCollection<PendingWorkflowStart> starts, CancellationToken cancellationToken = default);
}
