using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Deadlines;

/// <summary>
/// Wakes every shard now and then from each silo, so a shard whose silo died resumes within seconds instead of
/// at its next reminder tick. The reminders remain the guarantee; this only shortens the gap.
/// </summary>
public sealed class DeadlineShardKeeper(IGrainFactory grains, IOptions<DeadlineOptions> options, ILogger<DeadlineShardKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.WakeInterval is not { } interval)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Task.WhenAll(Enumerable.Range(0, options.Value.ShardCount).Select(i => grains.GetGrain<IDeadlineShardGrain>(i).Wake()));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "Waking deadline shards failed; trying again in {Interval}", interval);
            }
        }
    }
}
