using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OrderActors.Database;

namespace OrderActors.Marketplaces.Webhooks;

/// <summary>
/// Group commit of webhook deliveries: deliveries that arrive while a write is in flight are stored together by the
/// next one (one multi-row insert, one commit), and each caller is answered only when the statement holding its row
/// has committed. Deduplication stays per event id (the inbox's unique key). A failed batch fails every caller in
/// it, so none of them is acknowledged (the platform delivers again).
/// </summary>
public sealed class WebhookInboxWriter : IAsyncDisposable
{
    private const int MaxBatch = 200;
    private const int MaxBatchBytes = 4 << 20;

    private readonly WebhookInbox _inbox;
    private readonly ILogger<WebhookInboxWriter> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _writers;

    public WebhookInboxWriter(WebhookInbox inbox, ReadModelDatabase database, ILogger<WebhookInboxWriter> logger)
    {
        _inbox = inbox;
        _logger = logger;
        // SQLite has one writer: a second batch would only wait for the lock. MariaDB commits concurrent
        // transactions together (InnoDB group commit), so a few batches in flight overlap their round trips.
        _writers = Enumerable.Range(0, database.Dialect == SqlDialect.MySql ? 4 : 1).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Stores the delivery durably; completes true when its batch stored new rows (the processor should look).</summary>
    public async Task<bool> AddAsync(InboxEntry entry, CancellationToken cancellationToken)
    {
        var pending = new Pending(entry, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(WebhookInboxWriter));
        }
        // The caller may give up waiting (client gone); the row is still written or not as one batch decides.
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(_stopping.Token))
            {
                batch.Clear();
                var bytes = 0;
                while (batch.Count < MaxBatch && bytes < MaxBatchBytes && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                    bytes += next.Entry.Delivery.Body.Length;
                }
                if (batch.Count == 0)
                {
                    continue;
                }
                await WriteAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var inserted = await _inbox.AddBatchAsync(batch.Select(p => p.Entry).ToList(), _stopping.Token);
                foreach (var p in batch)
                {
                    p.Completion.TrySetResult(inserted > 0);
                }
                return;
            }
            catch (Exception ex) when (attempt < 3 && ex is not OperationCanceledException)
            {
                // A deadlock between two hosts' batches (or a dropped connection) is worth one more try.
                _logger.LogInformation("Storing {Count} webhook deliveries failed (attempt {Attempt}), retrying: {Error}", batch.Count, attempt, ex.Message);
            }
            catch (Exception ex)
            {
                _logger.LogWarning("Storing {Count} webhook deliveries failed; they are not acknowledged: {Error}", batch.Count, ex.Message);
                foreach (var p in batch)
                {
                    p.Completion.TrySetException(ex);
                }
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            // Rows already queued are still written: their callers are waiting for the answer.
            await Task.WhenAll(_writers).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            _stopping.Cancel();
        }
        while (_queue.Reader.TryRead(out var left))
        {
            left.Completion.TrySetException(new ObjectDisposedException(nameof(WebhookInboxWriter)));
        }
        _stopping.Dispose();
    }

    private sealed record Pending(InboxEntry Entry, TaskCompletionSource<bool> Completion);
}
