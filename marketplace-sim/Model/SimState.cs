using System.Security.Cryptography;
using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Model;

/// <summary>Everything the simulator holds, behind one lock: apps, shops, tokens, codes, orders, faults, pushed-back actions.</summary>
public sealed class SimState(SimulatorSettings settings, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<SimApp> _apps = [];
    private readonly Dictionary<(SourcePlatform, string), SimShop> _shops = [];
    private readonly Dictionary<string, SimToken> _byAccess = [];
    private readonly Dictionary<string, SimToken> _byRefresh = [];
    private readonly Dictionary<string, (SourcePlatform Platform, string ShopId, DateTimeOffset Expires)> _codes = [];
    private readonly Dictionary<(SourcePlatform, string, string), SimOrder> _orders = [];
    private readonly Dictionary<SourcePlatform, SimFaults> _faults = Enum.GetValues<SourcePlatform>().ToDictionary(p => p, _ => new SimFaults());
    private readonly Dictionary<SourcePlatform, int[]> _stats = Enum.GetValues<SourcePlatform>().ToDictionary(p => p, _ => new int[4]);
    private readonly List<PushedBack> _pushedBack = [];
    private long _sequence = 1000;

    public TimeProvider Time => time;

    /// <summary>Raised (outside the lock) after an order was created or changed.</summary>
    public event Action<SimOrder>? OrderChanged;

    public SimApp RegisterApp(SimApp app)
    {
        lock (_lock)
        {
            _apps.RemoveAll(a => a.Platform == app.Platform && a.AppKey == app.AppKey);
            _apps.Add(app);
            return app;
        }
    }

    public SimApp? FindApp(SourcePlatform platform, string? appKey)
    {
        lock (_lock)
        {
            return _apps.FirstOrDefault(a => a.Platform == platform && a.AppKey == appKey);
        }
    }

    public (SimShop Shop, SimToken Token) CreateShop(SimShop shop)
    {
        lock (_lock)
        {
            _shops[(shop.Platform, shop.ShopId)] = shop;
            return (shop, IssueTokenLocked(shop.Platform, shop.ShopId));
        }
    }

    public SimShop? FindShop(SourcePlatform platform, string? shopId)
    {
        lock (_lock)
        {
            return shopId is not null && _shops.TryGetValue((platform, shopId), out var shop) ? shop : null;
        }
    }

    public IReadOnlyList<SimShop> Shops()
    {
        lock (_lock)
        {
            return [.. _shops.Values];
        }
    }

    public SimShop? FirstShopOfApp(SourcePlatform platform, string appKey)
    {
        lock (_lock)
        {
            return _shops.Values.FirstOrDefault(s => s.Platform == platform && s.AppKey == appKey);
        }
    }

    public string IssueCode(SourcePlatform platform, string shopId)
    {
        lock (_lock)
        {
            var code = RandomHex(16);
            _codes[code] = (platform, shopId, time.GetUtcNow().AddMinutes(10));
            return code;
        }
    }

    /// <summary>Codes are single use and expire.</summary>
    public SimToken? RedeemCode(SourcePlatform platform, string? code)
    {
        lock (_lock)
        {
            if (code is null || !_codes.Remove(code, out var entry) || entry.Platform != platform || entry.Expires < time.GetUtcNow())
            {
                return null;
            }
            var shop = _shops[(platform, entry.ShopId)];
            shop.Authorized = true;
            return IssueTokenLocked(platform, entry.ShopId);
        }
    }

    public enum TokenCheck { Valid, Expired, Invalid }

    public (TokenCheck Check, SimToken? Token) CheckToken(SourcePlatform platform, string? accessToken)
    {
        lock (_lock)
        {
            if (accessToken is null || !_byAccess.TryGetValue(accessToken, out var token) || token.Platform != platform)
            {
                return (TokenCheck.Invalid, null);
            }
            if (!_shops[(platform, token.ShopId)].Authorized)
            {
                return (TokenCheck.Invalid, token);
            }
            return token.ExpiresAt <= time.GetUtcNow() ? (TokenCheck.Expired, token) : (TokenCheck.Valid, token);
        }
    }

    /// <summary>Refresh tokens are single use (Shopee's rule, applied to all): the old pair dies, a new pair is issued.</summary>
    public SimToken? Refresh(SourcePlatform platform, string? refreshToken)
    {
        lock (_lock)
        {
            if (refreshToken is null || !_byRefresh.TryGetValue(refreshToken, out var old) || old.Platform != platform || old.RefreshUsed
                || !_shops[(platform, old.ShopId)].Authorized)
            {
                return null;
            }
            old.RefreshUsed = true;
            _byAccess.Remove(old.AccessToken);
            return IssueTokenLocked(platform, old.ShopId);
        }
    }

    public int ExpireTokens(SourcePlatform platform, string? shopId = null)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var expired = 0;
            foreach (var token in _byAccess.Values.Where(t => t.Platform == platform && (shopId is null || t.ShopId == shopId) && t.ExpiresAt > now))
            {
                token.ExpiresAt = now.AddSeconds(-1);
                expired++;
            }
            _stats[platform][2] += expired;
            return expired;
        }
    }

    public void Revoke(SourcePlatform platform, string shopId)
    {
        lock (_lock)
        {
            _shops[(platform, shopId)].Authorized = false;
        }
    }

    public SimFaults Faults(SourcePlatform platform)
    {
        lock (_lock)
        {
            return _faults[platform];
        }
    }

    public void SetFaults(SourcePlatform platform, SimFaults faults)
    {
        lock (_lock)
        {
            _faults[platform] = faults;
        }
    }

    /// <summary>Counts an order API call that succeeded; may expire the platform's tokens (the "expiry mid-sync" fault).</summary>
    public void CountSuccessfulCall(SourcePlatform platform)
    {
        bool expire;
        lock (_lock)
        {
            _stats[platform][3]++;
            var faults = _faults[platform];
            expire = faults.ExpireTokensAfterCalls is { } left && left <= 1;
            faults.ExpireTokensAfterCalls = faults.ExpireTokensAfterCalls is { } n ? (n <= 1 ? null : n - 1) : null;
        }
        if (expire)
        {
            ExpireTokens(platform);
        }
    }

    public void CountFault(SourcePlatform platform, bool throttled)
    {
        lock (_lock)
        {
            _stats[platform][throttled ? 0 : 1]++;
        }
    }

    public SimStats Stats(SourcePlatform platform)
    {
        lock (_lock)
        {
            var s = _stats[platform];
            return new SimStats(s[0], s[1], s[2], s[3]);
        }
    }

    public string NextOrderId(SourcePlatform platform)
    {
        var n = Interlocked.Increment(ref _sequence);
        var now = time.GetUtcNow();
        return platform switch
        {
            SourcePlatform.Shopee => $"{now:yyMMdd}{RandomAlphaNumeric(6)}{n % 100:D2}",
            SourcePlatform.Lazada => $"4{now:yyMMdd}{n:D8}",
            SourcePlatform.Shopify => $"{5_500_000_000 + n}",
            _ => $"5764{now:yyMMdd}{n:D8}",
        };
    }

    public void AddOrder(SimOrder order)
    {
        lock (_lock)
        {
            _orders[(order.Platform, order.ShopId, order.Id)] = order;
        }
        OrderChanged?.Invoke(order);
    }

    public SimOrder? FindOrder(SourcePlatform platform, string shopId, string? orderId)
    {
        lock (_lock)
        {
            return orderId is not null && _orders.TryGetValue((platform, shopId, orderId), out var order) ? order : null;
        }
    }

    public IReadOnlyList<SimOrder> Orders(SourcePlatform platform, string shopId)
    {
        lock (_lock)
        {
            return _orders.Values.Where(o => o.Platform == platform && o.ShopId == shopId).OrderBy(o => o.UpdatedAt).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Changes an order under the lock and stamps a strictly later update time (whole seconds, as the platforms report).</summary>
    public T Change<T>(SimOrder order, Func<SimOrder, T> change)
    {
        T result;
        lock (_lock)
        {
            result = change(order);
            var now = Truncate(time.GetUtcNow());
            order.UpdatedAt = now > order.UpdatedAt ? now : order.UpdatedAt.AddSeconds(1);
            order.Revision++;
        }
        OrderChanged?.Invoke(order);
        return result;
    }

    public void RecordPushBack(PushedBack pushedBack)
    {
        lock (_lock)
        {
            _pushedBack.Add(pushedBack);
        }
    }

    public IReadOnlyList<PushedBack> PushedBack()
    {
        lock (_lock)
        {
            return [.. _pushedBack];
        }
    }

    public static DateTimeOffset Truncate(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    private SimToken IssueTokenLocked(SourcePlatform platform, string shopId)
    {
        var prefix = platform == SourcePlatform.TikTokShop ? "TTP_" : platform == SourcePlatform.Shopify ? "shpat_" : "";
        var token = new SimToken
        {
            AccessToken = prefix + RandomHex(16),
            RefreshToken = (platform == SourcePlatform.TikTokShop ? "TTP_" : "") + RandomHex(16),
            Platform = platform,
            ShopId = shopId,
            ExpiresAt = time.GetUtcNow() + settings.TokenLifetime.GetValueOrDefault(platform, TimeSpan.FromHours(4)),
        };
        _byAccess[token.AccessToken] = token;
        _byRefresh[token.RefreshToken] = token;
        return token;
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static string RandomAlphaNumeric(int length) => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", length);
}
