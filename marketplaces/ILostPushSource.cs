namespace OrderActors.Marketplaces;

/// <summary>
/// A platform that keeps the pushes it failed to deliver (Shopee's get_lost_push_message: 3 days, 100 at a time)
/// so reconciliation can recover them; confirming a batch's last message id consumes the whole batch.
/// </summary>
public interface ILostPushSource
{
    Task<LostPushBatch> GetLostPushesAsync(MarketplaceAccount account, CancellationToken cancellationToken);

    Task ConfirmLostPushesAsync(MarketplaceAccount account, long lastMessageId, CancellationToken cancellationToken);
}

/// <summary>One page of lost pushes, earliest first. Messages name the shop they belong to: one partner app serves many shops.</summary>
public sealed record LostPushBatch(IReadOnlyList<LostPush> Messages, bool HasNextPage, long? LastMessageId);

/// <summary>A lost push reduced to what recovery needs: whose it is and which order it named (null when it names none).</summary>
public sealed record LostPush(string ShopId, int Code, string? PlatformOrderId);
