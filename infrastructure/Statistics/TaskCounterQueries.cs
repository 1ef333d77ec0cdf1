using Dapper;
using OrderActors.Database;

namespace OrderActors.Statistics;

/// <summary>Open workflow tasks counted from the tasks read model (one grouped query on the open-task index).</summary>
public sealed class TaskCounterQueries(ReadModelDatabase database)
{
    public async Task<TaskCounters> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string? Role, string Status, long Count)>(new CommandDefinition(
            "SELECT role, status, COUNT(*) FROM workflow_tasks WHERE is_open = 1 GROUP BY role, status",
            cancellationToken: cancellationToken)))
            .Select(r => (Role: r.Role ?? "", r.Status, Count: (int)r.Count))
            .ToList();
        return new TaskCounters(
            rows.Sum(r => r.Count),
            rows.GroupBy(r => r.Role).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            rows.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)));
    }
}
