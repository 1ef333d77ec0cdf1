using Microsoft.Extensions.Logging;
using OrderActors.Workflows;

namespace OrderActors.Grains.Workflows.Flows;

/// <summary>Saves the built-in flows once, on first start (a flow that exists, edited or not, is left alone).</summary>
public sealed class BuiltInFlowSeeder(IGrainFactory grains, ILogger<BuiltInFlowSeeder> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        foreach (var flow in BuiltInFlows.All)
        {
            var grain = grains.GetGrain<IProcessFlowGrain>(flow.Id);
            if (await grain.GetLatest() is not null)
            {
                continue;
            }
            var result = await grain.Save(flow, $"seed:{flow.Id}", "system", create: true);
            if (!result.IsValid && !result.AlreadyExists)
            {
                throw new InvalidOperationException($"Built-in flow {flow.Id} is invalid: {string.Join("; ", result.Problems.Select(p => $"{p.Field}: {p.Message}"))}");
            }
            logger.LogInformation("Seeded built-in workflow {FlowId}", flow.Id);
        }
    }
}
