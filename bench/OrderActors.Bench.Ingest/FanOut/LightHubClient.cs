using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace OrderActors.Bench.Ingest.FanOut;

/// <summary>
/// A deliberately small SignalR client, so thousands of them do not starve the host they measure on a 2-core box:
/// one TCP socket speaking just enough WebSocket (RFC 6455: the upgrade, unmasked server frames, masked client
/// frames) and the JSON hub protocol (handshake, records ending in 0x1E, pings), with no negotiation, no stream
/// layers and no per-message object or allocation. One 64 KB receive buffer per client takes many frames per
/// receive. For each <c>OrderReceived</c> it reads only <c>position</c> (to check order) and the payload's
/// <c>sent</c> timestamp (the sender's <see cref="Stopwatch"/> clock, shared with this process).
/// </summary>
public sealed class LightHubClient
{
    private const byte RecordSeparator = 0x1E;
    private const int ReceiveBufferSize = 64 * 1024;
    private const byte OpText = 0x1;
    private const byte OpClose = 0x8;
    private const byte OpPing = 0x9;
    private const byte OpPong = 0xA;
    private static readonly byte[] Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    private static readonly byte[] Ping = "{\"type\":6}\u001e"u8.ToArray();
    private static readonly byte[] OrderReceivedTarget = "\"target\":\"OrderReceived\""u8.ToArray();
    private static readonly byte[] PositionKey = "\"position\":"u8.ToArray();
    private static readonly byte[] SentKey = "\"sent\":"u8.ToArray();

    private readonly Socket _socket;
    private readonly FanOutTally _tally;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _buffer = new byte[ReceiveBufferSize];
    private int _start;
    private int _end;
    private long _payloadLeft;
    // A record split across frames or receives is gathered here; whole records are read where they lie.
    private byte[] _carry = new byte[4096];
    private int _carried;
    private bool _handshakeSeen;
    private long _lastPosition;

    private LightHubClient(Socket socket, FanOutTally tally)
    {
        _socket = socket;
        _tally = tally;
    }

    /// <summary>Measured <c>OrderReceived</c> messages this client received.</summary>
    public long Received { get; private set; }

    /// <summary>Messages whose position was not above the previous one.</summary>
    public long OutOfOrder { get; private set; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public static async Task<LightHubClient> ConnectAsync(Uri hub, string token, FanOutTally tally, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(hub.Host, hub.Port, ct);
            var client = new LightHubClient(socket, tally);
            await client.UpgradeAsync(hub, token, ct);
            await client.SendFrameAsync(OpText, Handshake, ct);
            client.Completion = client.ReceiveLoopAsync();
            await client._handshake.Task.WaitAsync(ct);
            return client;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The hub closes a connection it has not heard from for 30 s; a ping every few seconds keeps it.</summary>
    public async Task PingAsync(CancellationToken ct)
    {
        if (_socket.Connected)
        {
            await SendFrameAsync(OpText, Ping, ct);
        }
    }

    public void Abort() => _socket.Dispose();

    private async Task UpgradeAsync(Uri hub, string token, CancellationToken ct)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var request = $"GET {hub.PathAndQuery} HTTP/1.1\r\nHost: {hub.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {token}\r\n\r\n";
        await _socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, ct);
        while (true)
        {
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, ct);
            if (read == 0)
            {
                throw new IOException("The hub closed the connection during the WebSocket upgrade.");
            }
            _end += read;
            var headerEnd = _buffer.AsSpan(0, _end).IndexOf("\r\n\r\n"u8);
            if (headerEnd < 0)
            {
                continue;
            }
            var status = Encoding.ASCII.GetString(_buffer, 0, headerEnd);
            if (!status.StartsWith("HTTP/1.1 101", StringComparison.Ordinal))
            {
                throw new IOException("WebSocket upgrade refused: " + status.Split('\r')[0]);
            }
            // Anything after the headers is already frame data.
            _start = headerEnd + 4;
            return;
        }
    }

    /// <summary>One complete, masked client frame (clients must mask) of a short message.</summary>
    private async Task SendFrameAsync(byte opcode, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var frame = new byte[2 + 4 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        frame[1] = (byte)(0x80 | payload.Length);
        RandomNumberGenerator.Fill(frame.AsSpan(2, 4));
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload.Span[i] ^ frame[2 + (i & 3)]);
        }
        await _sending.WaitAsync(ct);
        try
        {
            await _socket.SendAsync(frame, SocketFlags.None, ct);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            var now = Stopwatch.GetTimestamp();
            while (ReadFrames(now))
            {
                if (_start > 0)
                {
                    // Only part of a frame header (or of a short control frame) is ever left over.
                    _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                    _end -= _start;
                    _start = 0;
                }
                var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
                if (read == 0)
                {
                    break;
                }
                now = Stopwatch.GetTimestamp();
                _end += read;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            _handshake.TrySetException(new InvalidOperationException("The hub closed the connection before the handshake."));
        }
    }

    /// <summary>Consumes every complete frame header and all payload bytes in the buffer; false when the hub closed.</summary>
    private bool ReadFrames(long now)
    {
        while (true)
        {
            if (_payloadLeft > 0)
            {
                var take = (int)Math.Min(_payloadLeft, _end - _start);
                if (take == 0)
                {
                    return true;
                }
                OnPayload(_buffer.AsSpan(_start, take), now);
                _start += take;
                _payloadLeft -= take;
                continue;
            }
            var available = _buffer.AsSpan(_start, _end - _start);
            if (available.Length < 2)
            {
                return true;
            }
            var opcode = (byte)(available[0] & 0x0F);
            long length = available[1] & 0x7F;
            var header = 2;
            if (length == 126)
            {
                if (available.Length < 4)
                {
                    return true;
                }
                length = BinaryPrimitives.ReadUInt16BigEndian(available[2..]);
                header = 4;
            }
            else if (length == 127)
            {
                if (available.Length < 10)
                {
                    return true;
                }
                length = (long)BinaryPrimitives.ReadUInt64BigEndian(available[2..]);
                header = 10;
            }
            if (opcode >= OpClose)
            {
                // Control frames are short (at most 125 bytes) and never split: wait until all of it is here.
                if (available.Length < header + length)
                {
                    return true;
                }
                var payload = available.Slice(header, (int)length).ToArray();
                _start += header + (int)length;
                if (opcode == OpClose)
                {
                    return false;
                }
                if (opcode == OpPing)
                {
                    _ = SendFrameAsync(OpPong, payload, CancellationToken.None);
                }
                continue;
            }
            _start += header;
            _payloadLeft = length;
        }
    }

    /// <summary>Text from data frames (first or continuation): the hub protocol's records, split on 0x1E.</summary>
    private void OnPayload(ReadOnlySpan<byte> bytes, long now)
    {
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf(RecordSeparator);
            if (end < 0)
            {
                Carry(bytes);
                return;
            }
            if (_carried > 0)
            {
                Carry(bytes[..end]);
                OnRecord(_carry.AsSpan(0, _carried), now);
                _carried = 0;
            }
            else
            {
                OnRecord(bytes[..end], now);
            }
            bytes = bytes[(end + 1)..];
        }
    }

    private void Carry(ReadOnlySpan<byte> bytes)
    {
        if (_carried + bytes.Length > _carry.Length)
        {
            Array.Resize(ref _carry, Math.Max(_carry.Length * 2, _carried + bytes.Length));
        }
        bytes.CopyTo(_carry.AsSpan(_carried));
        _carried += bytes.Length;
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
                _handshake.TrySetException(new InvalidOperationException("Handshake refused: " + Encoding.UTF8.GetString(record)));
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
