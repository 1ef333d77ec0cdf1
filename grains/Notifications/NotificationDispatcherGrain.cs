using Microsoft.Extensions.Logging;
using OrderActors.Email;
using OrderActors.Events;

namespace OrderActors.Notifications;

/// <summary>
/// Follows the event log from its checkpoint and notifies the users each event concerns, as their preferences
/// (read fresh for every page, so changes apply without a restart) ask. Storing is idempotent per user and
/// position, so a crash before the checkpoint is saved repeats nothing; an email is sent only when its
/// notification is stored for the first time (at most once).
/// </summary>
public sealed class NotificationDispatcherGrain(
    IEventLog log,
    INotificationStore store,
    IEmailSender email,
    TimeProvider time,
    ILogger<NotificationDispatcherGrain> logger) : Grain, INotificationDispatcherGrain, IRemindable
{
    public const string Consumer = "notifications";
    private const string CatchUpReminder = "notifications-catch-up";
    private const int Page = 200;

    // Wake-ups within this window are handled in one pass: one checkpoint write instead of one per feed batch.
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);

    private bool _running;
    private bool _again;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        await this.RegisterOrUpdateReminder(CatchUpReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

    public Task Wake()
    {
        if (_running)
        {
            _again = true;
        }
        else
        {
            _ = RunAsync();
        }
        return Task.CompletedTask;
    }

    public async Task<long> CatchUp()
    {
        while (_running)
        {
            await Task.Delay(10);
        }
        _running = true;
        try
        {
            return await Task.Run(ProcessAsync);
        }
        finally
        {
            _running = false;
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Wake();

    private async Task RunAsync()
    {
        _running = true;
        try
        {
            do
            {
                _again = false;
                await Task.Delay(Coalesce);
                // Off the grain's scheduler: SQLite's "async" API blocks the thread it runs on.
                await Task.Run(ProcessAsync);
            }
            while (_again);
        }
        catch (Exception ex)
        {
            // The next wake-up or reminder continues from the saved checkpoint.
            logger.LogWarning(ex, "Dispatching notifications failed");
        }
        finally
        {
            _running = false;
        }
    }

    private async Task<long> ProcessAsync()
    {
        // The migration that created the feed created this checkpoint at 0.
        var position = await store.GetCheckpointAsync(Consumer) ?? 0;
        while (true)
        {
            var page = await log.ReadAsync(position, Page);
            if (page.Count == 0)
            {
                return position;
            }
            var optedIn = new Dictionary<NotificationCategory, IReadOnlyList<NotificationPreferences>>();
            foreach (var e in page)
            {
                if (NotificationCategories.For(e.Type) is { } category)
                {
                    foreach (var recipient in await RecipientsAsync(e, category, optedIn))
                    {
                        await NotifyAsync(recipient, e);
                    }
                }
            }
            position = page[^1].Position;
            await store.SaveCheckpointAsync(Consumer, position);
        }
    }

    private async Task<IReadOnlyList<NotificationPreferences>> RecipientsAsync(
        FeedEvent e, NotificationCategory category, Dictionary<NotificationCategory, IReadOnlyList<NotificationPreferences>> optedIn)
    {
        if (category == NotificationCategory.AssignedTasks)
        {
            if (e.AssigneeUserId is not { } assignee)
            {
                return [];
            }
            var saved = await store.GetPreferencesAsync(assignee);
            return saved is null ? [NotificationPreferences.Default(assignee, [e.RequiredPermission])]
                : saved.Wants(category) && saved.Permissions.Contains(e.RequiredPermission) ? [saved] : [];
        }
        if (!optedIn.TryGetValue(category, out var users))
        {
            optedIn[category] = users = await store.OptedInAsync(category);
        }
        return users.Where(u => u.Permissions.Contains(e.RequiredPermission)).ToList();
    }

    private async Task NotifyAsync(NotificationPreferences recipient, FeedEvent e)
    {
        var stored = await store.AddAsync(new Notification
        {
            UserId = recipient.UserId,
            Position = e.Position,
            EventId = e.EventId,
            Type = e.Type,
            RequiredPermission = e.RequiredPermission,
            Payload = e.Payload,
            CreatedAt = time.GetUtcNow(),
            // Email-only users keep a record too (so nothing is sent twice), born read.
            ReadAt = recipient.InApp ? null : time.GetUtcNow(),
        });
        if (stored && recipient is { Email: true, EmailAddress: { Length: > 0 } address })
        {
            try
            {
                await email.SendAsync(new EmailMessage(address, $"OrderActors: {e.Type}", $"{e.Type} at {e.OccurredAt:u}\n\n{e.Payload}"));
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Emailing {UserId} about event {Position} failed", recipient.UserId, e.Position);
            }
        }
    }
}
