namespace OrderActors.Notifications;

/// <summary>Preferences, notifications and the dispatcher's checkpoint, in the read-model database.</summary>
public interface INotificationStore
{
    Task<long?> GetCheckpointAsync(string consumer, CancellationToken cancellationToken = default);

    Task SaveCheckpointAsync(string consumer, long position, CancellationToken cancellationToken = default);

    Task<NotificationPreferences?> GetPreferencesAsync(string userId, CancellationToken cancellationToken = default);

    Task SavePreferencesAsync(NotificationPreferences preferences, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Users whose saved preferences opt in to the category.</summary>
    Task<IReadOnlyList<NotificationPreferences>> OptedInAsync(NotificationCategory category, CancellationToken cancellationToken = default);

    /// <summary>Stores the notification unless the user already has one for that position; true when stored now.</summary>
    Task<bool> AddAsync(Notification notification, CancellationToken cancellationToken = default);

    /// <summary>The user's notifications, newest first, only those needing one of <paramref name="permissions"/>.</summary>
    Task<IReadOnlyList<Notification>> ListAsync(string userId, bool unreadOnly, IReadOnlyCollection<string> permissions, int limit, CancellationToken cancellationToken = default);

    Task<int> CountUnreadAsync(string userId, IReadOnlyCollection<string> permissions, CancellationToken cancellationToken = default);

    /// <summary>Marks the user's notification read (keeping the first read time); false when the user has no such notification.</summary>
    Task<bool> MarkReadAsync(string userId, long id, DateTimeOffset now, CancellationToken cancellationToken = default);
}
