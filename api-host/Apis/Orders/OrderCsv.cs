using System.Globalization;
using System.Text;
using OrderActors.ReadModel;

namespace OrderActors.ApiHost.Apis.Orders;

/// <summary>Writes order summaries as RFC 4180 CSV, one row at a time.</summary>
public static class OrderCsv
{
    public const string Header = "id,platform,accountId,platformOrderId,status,workflowStatus,syncStatus,customerName,currency,grandTotal,itemCount,orderDate,updatedAt";

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<OrderSummary> orders, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 32 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(Header.AsMemory(), ct);
        await foreach (var o in orders.WithCancellation(ct))
        {
            var line = string.Join(',',
                o.Id.ToString(), o.Platform, Escape(o.AccountId), Escape(o.PlatformOrderId), o.Status, o.WorkflowStatus, o.SyncStatus,
                Escape(o.CustomerName), o.Currency, o.GrandTotal.ToString(CultureInfo.InvariantCulture), o.ItemCount.ToString(CultureInfo.InvariantCulture),
                o.OrderDate.ToString("O", CultureInfo.InvariantCulture), o.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
            // The writer's buffer goes out to the response whenever it fills: memory stays at one buffer, not the file.
            await writer.WriteLineAsync(line.AsMemory(), ct);
        }
        await writer.FlushAsync(ct);
    }

    private static string Escape(string value)
    {
        // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
        var safe = value.Length > 0 && "=+-@".Contains(value[0]) ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{safe.Replace("\"", "\"\"")}\"" : safe;
    }
}
