namespace OrderActors.Notifications;

/// <summary>
/// A user's choices. <see cref="Permissions"/> is the user's permissions when the choices were saved: a user is
/// never notified (in-app or by email) of an event whose permission they did not hold.
/// </summary>
public sealed record NotificationPreferences
{
    public required string UserId { get; init; }
    public bool NewOrders { get; init; }
    public bool AssignedTasks { get; init; } = true;
    public bool SyncFailures { get; init; }
    public bool Returns { get; init; }
    public bool InApp { get; init; } = true;
    public bool Email { get; init; }
    public string? EmailAddress { get; init; }
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>What a user who never saved preferences gets: their own assigned tasks, in the app.</summary>
    public static NotificationPreferences Default(string userId, IReadOnlyList<string> permissions) =>
        new() { UserId = userId, Permissions = permissions };

    public bool Wants(NotificationCategory category) => category switch
    {
        NotificationCategory.NewOrders => NewOrders,
        NotificationCategory.AssignedTasks => AssignedTasks,
        NotificationCategory.SyncFailures => SyncFailures,
        NotificationCategory.Returns => Returns,
        _ => false,
    };
}
