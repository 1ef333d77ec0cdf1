using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;

namespace OrderActors.Bench.Ingest.FanOut;

/// <summary>
/// A deliberately small SignalR client, so thousands of them do not starve the host they measure on a 2-core box:
/// one raw WebSocket speaking the JSON hub protocol (handshake, records ending in 0x1E, pings), no negotiation, no
/// per-message object model. For each <c>OrderReceived</c> it reads only <c>position</c> (to check order) and the
/// payload's <c>sent</c> timestamp (the sender's <see cref="Stopwatch"/> clock, shared with this process).
/// </summary>
public sealed class LightHubClient
{
    private const byte RecordSeparator = 0x1E;
    private static readonly byte[] Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly byte[] Ping = "{\"type\":6}\u001e"u8.ToArray();
    private static readonly byte[] OrderReceivedTarget = "\"target\":\"OrderReceived\""u8.ToArray();
    private static readonly byte[] PositionKey = "\"position\":"u8.ToArray();
    private static readonly byte[] SentKey = "\"sent\":"u8.ToArray();

    private readonly ClientWebSocket _socket;
    private readonly FanOutTally _tally;
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = new byte[8 * 1024];
    private int _filled;
    private bool _handshakeSeen;
    private long _lastPosition;

    private LightHubClient(ClientWebSocket socket, FanOutTally tally)
    {
        _socket = socket;
        _tally = tally;
    }

    /// <summary>Measured <c>OrderReceived</c> messages this client received.</summary>
    public long Received { get; private set; }

    /// <summary>Messages whose position was not above the previous one.</summary>
    public long OutOfOrder { get; private set; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public static async Task<LightHubClient> ConnectAsync(Uri hub, string token, HttpMessageInvoker invoker, FanOutTally tally, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket.ConnectAsync(hub, invoker, ct);
            await socket.SendAsync(Handshake, WebSocketMessageType.Text, endOfMessage: true, ct);
            var client = new LightHubClient(socket, tally);
            client.Completion = client.ReceiveLoopAsync();
            await client._handshake.Task.WaitAsync(ct);
            return client;
        }
        catch
        {
            socket.Abort();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The hub closes a connection it has not heard from for 30 s; a ping every few seconds keeps it.</summary>
    public async Task PingAsync(CancellationToken ct)
    {
        if (_socket.State == WebSocketState.Open)
        {
            await _socket.SendAsync(Ping, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
    }

    public void Abort()
    {
        _socket.Abort();
        _socket.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                if (_filled == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
                var result = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                var now = Stopwatch.GetTimestamp();
                _filled += result.Count;
                var start = 0;
                int end;
                while ((end = Array.IndexOf(_buffer, RecordSeparator, start, _filled - start)) >= 0)
                {
                    OnRecord(_buffer.AsSpan(start, end - start), now);
                    start = end + 1;
                }
                if (start > 0)
                {
                    Buffer.BlockCopy(_buffer, start, _buffer, 0, _filled - start);
                    _filled -= start;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _handshake.TrySetException(new InvalidOperationException("The hub closed the connection before the handshake."));
        }
    }

    private void OnRecord(ReadOnlySpan<byte> record, long now)
    {
        if (!_handshakeSeen)
        {
            _handshakeSeen = true;
            if (record.SequenceEqual("{}"u8))
            {
                _handshake.TrySetResult();
            }
            else
            {
                _handshake.TrySetException(new InvalidOperationException("Handshake refused: " + System.Text.Encoding.UTF8.GetString(record)));
            }
            return;
        }
        if (record.IndexOf(OrderReceivedTarget) < 0 || !TryReadLong(record, PositionKey, out var position) || !TryReadLong(record, SentKey, out var sent))
        {
            return;
        }
        if (position <= _lastPosition)
        {
            OutOfOrder++;
        }
        _lastPosition = position;
        if (sent >= _tally.MeasureFrom)
        {
            Received++;
            _tally.Latency.Record(sent, now);
        }
    }

    private static bool TryReadLong(ReadOnlySpan<byte> record, ReadOnlySpan<byte> key, out long value)
    {
        value = 0;
        var at = record.IndexOf(key);
        return at >= 0 && Utf8Parser.TryParse(record[(at + key.Length)..], out value, out _);
    }
}
