using System.Text.Json;

namespace OrderActors.MarketplaceSim.Model;

/// <summary>
/// Shopee's store of pushes it could not deliver (shopee.md §7): kept per partner for 3 days, read 100 at a time,
/// earliest first, and confirmed with a watermark (<c>last_message_id</c>) that consumes the whole batch.
/// </summary>
public sealed class ShopeeLostPushes(TimeProvider time)
{
    public const int PageSize = 100;
    private static readonly TimeSpan Kept = TimeSpan.FromDays(3);

    private readonly Lock _lock = new();
    private readonly List<LostPush> _lost = [];
    private long _sequence = 7_000_000;

    public sealed record LostPush(long Id, string PartnerId, long ShopId, int Code, long Timestamp, string Data, DateTimeOffset LostAt);

    public sealed record Page(IReadOnlyList<LostPush> Messages, bool HasNextPage, long? LastMessageId);

    /// <summary>Keeps a push whose delivery failed, exactly as it would have been sent.</summary>
    public void Add(string partnerId, byte[] body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        var push = new LostPush(0, partnerId, root.GetProperty("shop_id").GetInt64(), root.GetProperty("code").GetInt32(),
            root.GetProperty("timestamp").GetInt64(), root.GetProperty("data").GetRawText(), time.GetUtcNow());
        lock (_lock)
        {
            _lost.Add(push with { Id = ++_sequence });
        }
    }

    public Page Read(string partnerId)
    {
        lock (_lock)
        {
            var live = Live(partnerId).ToList();
            var page = live.Take(PageSize).ToList();
            return new Page(page, live.Count > page.Count, page.Count > 0 ? page[^1].Id : null);
        }
    }

    public int Confirm(string partnerId, long lastMessageId)
    {
        lock (_lock)
        {
            return _lost.RemoveAll(p => p.PartnerId == partnerId && p.Id <= lastMessageId);
        }
    }

    public int Count(string partnerId)
    {
        lock (_lock)
        {
            return Live(partnerId).Count();
        }
    }

    private IEnumerable<LostPush> Live(string partnerId)
    {
        var oldest = time.GetUtcNow() - Kept;
        return _lost.Where(p => p.PartnerId == partnerId && p.LostAt >= oldest).OrderBy(p => p.Id);
    }
}
