namespace OrderActors.Notifications;

/// <summary>One user's notification of one feed event (unique per user and position).</summary>
public sealed record Notification
{
    public long Id { get; init; }
    public required string UserId { get; init; }
    public required long Position { get; init; }
    public required Guid EventId { get; init; }
    public required string Type { get; init; }
    public required string RequiredPermission { get; init; }
    public required string Payload { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ReadAt { get; init; }
}
