using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Housekeeping;

namespace OrderActors.Grains.Housekeeping;

public sealed class HousekeepingGrain(
    [PersistentState("housekeeping")] IPersistentState<HousekeepingState> state,
    IEnumerable<IStorageHousekeeper> housekeepers,
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
        var outcomes = new List<string>();
        foreach (var housekeeper in housekeepers)
        {
            try
            {
                outcomes.Add(await housekeeper.RunAsync(CancellationToken.None));
            }
            catch (Exception ex)
            {
                // The next tick tries again; the failure is kept so it shows in the status, and the other upkeep still runs.
                logger.LogWarning(ex, "Storage upkeep by {Housekeeper} failed", housekeeper.GetType().Name);
                outcomes.Add($"failed: {ex.Message}");
            }
        }
        var outcome = string.Join("; ", outcomes);
        state.State.Runs++;
        state.State.LastRunAt = time.GetUtcNow();
        state.State.LastOutcome = outcome;
        await state.WriteStateAsync();
    }
}
