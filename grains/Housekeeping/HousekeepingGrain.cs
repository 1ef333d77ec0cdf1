using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Housekeeping;

namespace OrderActors.Grains.Housekeeping;

public sealed class HousekeepingGrain(
    [PersistentState("housekeeping")] IPersistentState<HousekeepingState> state,
    IStorageHousekeeper housekeeper,
    IOptions<HousekeepingOptions> options,
    TimeProvider time,
    ILogger<HousekeepingGrain> logger) : Grain, IHousekeepingGrain, IRemindable
{
    public const string StorageUpkeepReminder = "storage-upkeep";

    public async Task EnsureScheduled()
    {
        if (await this.GetReminder(StorageUpkeepReminder) is null)
        {
            await this.RegisterOrUpdateReminder(StorageUpkeepReminder, options.Value.FirstRunDelay, options.Value.Interval);
            logger.LogInformation("Scheduled storage upkeep every {Interval}", options.Value.Interval);
        }
    }

    public async Task<HousekeepingStatus> GetStatus()
    {
        var reminders = await this.GetReminders();
        return new HousekeepingStatus(
            [.. reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal)],
            state.State.Runs,
            state.State.LastRunAt,
            state.State.LastOutcome);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != StorageUpkeepReminder)
        {
            return;
        }
        string outcome;
        try
        {
            outcome = await housekeeper.RunAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The next tick tries again; the failure is kept so it shows in the status.
            logger.LogWarning(ex, "Storage upkeep failed");
            outcome = $"failed: {ex.Message}";
        }
        state.State.Runs++;
        state.State.LastRunAt = time.GetUtcNow();
        state.State.LastOutcome = outcome;
        await state.WriteStateAsync();
    }
}
