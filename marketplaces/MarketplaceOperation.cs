using OrderActors.Orders;

namespace OrderActors.Marketplaces;

/// <summary>Operation ids for order upserts: the same platform order at the same update time (and status) is one operation,
/// however many times polling and webhooks deliver it.</summary>
public static class MarketplaceOperation
{
    public static string SyncId(SourcePlatform platform, string platformOrderId, DateTimeOffset updatedAt, string? status) =>
        $"sync:{platform}:{platformOrderId}:{updatedAt.ToUnixTimeMilliseconds()}:{status}";
}
