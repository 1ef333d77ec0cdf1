using Microsoft.Extensions.DependencyInjection;
using OrderActors.Grains.Workflows.Deadlines;
using OrderActors.Workflows;
using Orleans.Providers;
using Orleans.Storage;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>
/// A shard fires deadlines it was never told about (due beyond the notice window) by reading the store, and
/// deadlines stored by earlier versions in a shard's grain state are not lost: the shard moves them into the
/// store when it activates, and fires them from there.
/// </summary>
public sealed class DeadlineShardTests(WorkflowApiFactory factory) : IClassFixture<WorkflowApiFactory>
{
    [Fact]
    public async Task A_deadline_the_shard_was_not_told_about_fires_when_the_shard_reads_the_store()
    {
        var orleans = factory.Services.GetRequiredService<IClusterClient>();
        var store = factory.Services.GetRequiredService<IDeadlineStore>();
        var shardNumber = 1000 + Random.Shared.Next(100_000);
        var shard = orleans.GetGrain<IDeadlineShardGrain>(shardNumber);
        Assert.Equal(new DeadlineShardStatus(0, null, 0), await shard.GetStatus());

        // Stored behind the active shard's back (as a scheduler does for one due beyond the notice window).
        await store.SetAsync(shardNumber, $"it-unnoticed-{shardNumber}", new DeadlineEntry("it-unnoticed/none", DateTimeOffset.UtcNow.AddMilliseconds(500)));

        var status = await shard.GetStatus();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (status.Fired == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            status = await shard.GetStatus();
        }
        Assert.Equal(new DeadlineShardStatus(0, null, 1), status);
    }

    [Fact]
    public async Task Deadlines_kept_in_an_old_shard_state_move_to_the_store_and_fire()
    {
        var orleans = factory.Services.GetRequiredService<IClusterClient>();
        var storage = factory.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var store = factory.Services.GetRequiredService<IDeadlineStore>();
        // A shard number the running shards never use, so this one is activated only by the test.
        var shardNumber = 1000 + Random.Shared.Next(100_000);
        var shard = orleans.GetGrain<IDeadlineShardGrain>(shardNumber);
        var later = DateTimeOffset.UtcNow.AddHours(3);
        var old = new DeadlineShardState();
        old.Entries[$"it-upgrade-{shardNumber}|later"] = new DeadlineEntry("it-upgrade/later", later);
        old.Entries[$"it-upgrade-{shardNumber}|now"] = new DeadlineEntry("it-upgrade/now", DateTimeOffset.UtcNow.AddSeconds(-1));
        await storage.WriteStateAsync("workflow-deadline-shard", shard.GetGrainId(), new GrainState<DeadlineShardState>(old));

        // Activation moves both; the one already due is fired (told to its instance, which has no such deadline) and goes.
        var status = await shard.GetStatus();
        var until = DateTime.UtcNow.AddSeconds(20);
        while ((status.Pending != 1 || status.Fired != 1) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
            status = await shard.GetStatus();
        }
        Assert.Equal(1, status.Pending);
        Assert.Equal(1, status.Fired);
        Assert.Equal(later.UtcTicks, status.NextDueAt?.UtcTicks);
        Assert.Equal($"it-upgrade-{shardNumber}|later", (await store.DueAsync(shardNumber, later, 10)).Single().Id);

        var stored = new GrainState<DeadlineShardState>(new DeadlineShardState());
        await storage.ReadStateAsync("workflow-deadline-shard", shard.GetGrainId(), stored);
        Assert.Empty(stored.State!.Entries);
    }
}
