using Dapper;
using OrderActors.Database;

namespace OrderActors.ReadModel;

/// <summary>Labels of many orders at once, by primary key (a task inbox shows one per row).</summary>
public sealed class OrderLabelQueries(ReadModelDatabase database)
{
    public async Task<IReadOnlyDictionary<Guid, OrderLabel>> ForOrdersAsync(IReadOnlyCollection<Guid> orderIds, CancellationToken cancellationToken = default)
    {
        if (orderIds.Count == 0)
        {
            return new Dictionary<Guid, OrderLabel>();
        }
        const string sql =
            "SELECT id AS Id, platform AS Platform, platform_order_id AS PlatformOrderId, customer_name AS CustomerName FROM orders WHERE id IN @ids";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            sql, new { ids = orderIds.Distinct().Select(id => id.ToString()).ToList() }, cancellationToken: cancellationToken));
        return rows.Select(r => new OrderLabel(SqlValues.ReadGuid(r.Id), r.Platform, r.PlatformOrderId, r.CustomerName)).ToDictionary(l => l.Id);
    }

    private sealed class Row
    {
        public object Id { get; set; } = "";
        public string Platform { get; set; } = "";
        public string PlatformOrderId { get; set; } = "";
        public string CustomerName { get; set; } = "";
    }
}
