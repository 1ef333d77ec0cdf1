using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace OrderActors.Database;

/// <summary>
/// Group commit: concurrent <see cref="EnqueueAsync"/> calls are gathered while the previous write is in flight and
/// written together by one <c>writeMany</c> call (one transaction). A caller completes only after the write holding
/// its item committed. When a batch fails, each of its items is tried again alone, so one item the database refuses
/// fails only its own caller and the rest are still written; after a few failures in a row the database itself is
/// failing, and the rest of the batch fails at once (callers retry with their own backoff).
/// </summary>
public sealed class GroupCommit<T> : IAsyncDisposable
{
    private const int GiveUpAfterFailuresInARow = 3;

    private readonly Func<IReadOnlyList<T>, Task> _writeMany;
    private readonly int _maxBatch;
    private readonly string _what;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Task[] _writers;

    /// <param name="writeMany">Writes a batch in one transaction.</param>
    /// <param name="writers">Batches written at the same time; callers must keep their items of one key out of two batches at once.</param>
    /// <param name="maxBatch">Items per batch at most: bounds a transaction's size and lock time, not the waiting.</param>
    /// <param name="what">What the items are, for the log.</param>
    public GroupCommit(Func<IReadOnlyList<T>, Task> writeMany, int writers, int maxBatch, string what, ILogger logger)
    {
        _writeMany = writeMany;
        _maxBatch = maxBatch;
        _what = what;
        _logger = logger;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    public Task EnqueueAsync(T item, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(item);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit<T>), $"Writing {_what} is shutting down.");
        }
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            if (batch.Count == 0)
            {
                continue;
            }
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await _writeMany(batch.Select(p => p.Item).ToList());
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            _logger.LogWarning(ex, "Writing a batch of {Count} {What} failed; writing them one by one", batch.Count, _what);
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }
        Exception? last = null;
        var failuresInARow = 0;
        foreach (var pending in batch)
        {
            if (failuresInARow >= GiveUpAfterFailuresInARow)
            {
                pending.Done.TrySetException(last!);
                continue;
            }
            try
            {
                await _writeMany([pending.Item]);
                pending.Done.TrySetResult();
                failuresInARow = 0;
            }
            catch (Exception ex)
            {
                pending.Done.TrySetException(ex);
                last = ex;
                failuresInARow++;
            }
        }
    }

    private sealed class Pending(T item)
    {
        public T Item { get; } = item;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
