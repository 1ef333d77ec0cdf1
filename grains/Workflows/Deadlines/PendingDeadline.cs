namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary>A deadline as stored: its id and when and whom it tells.</summary>
public sealed record PendingDeadline(string Id, DeadlineEntry Entry);
