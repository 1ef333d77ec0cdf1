using Dapper;
using Microsoft.Extensions.DependencyInjection;
using OrderActors.Database;
using OrderActors.Workflows;

namespace OrderActors.IntegrationTests.Workflows;

/// <summary>What the sweep tests observe without calling the order grain: instances from their own grains, marks from the table.</summary>
internal sealed class SweepProbe(StartSweepApiFactory factory)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    public async Task<WorkflowInstanceView> WaitForViewAsync(string key, Func<WorkflowInstanceView, bool> until)
    {
        var deadline = DateTime.UtcNow + Patience;
        WorkflowInstanceView? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await Grains.GetGrain<IWorkflowInstanceGrain>(key).GetView();
            if (last is not null && until(last))
            {
                return last;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Instance {key} did not reach the expected state within {Patience.TotalSeconds:0} s; last seen: {(last is null ? "not started" : $"{last.Status} at {last.CurrentStep}")}");
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(200);
        }
    }

    /// <summary>The order's rows in <c>pending_order_handovers</c> (0 or 1).</summary>
    public async Task<int> MarksAsync(Guid orderId)
    {
        await using var connection = await factory.Services.GetRequiredService<ReadModelDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM pending_order_handovers WHERE order_id = @id", new { id = orderId.ToString() });
    }
}
