using OrderActors.Marketplaces.Resilience;

namespace OrderActors.Marketplaces;

/// <summary>
/// Runs connector calls for one account through its resilience pipeline, keeping its tokens fresh: refreshed shortly
/// before they expire, and once (then the call repeated) when the platform says the token expired.
/// New tokens are handed to <c>saveCredentials</c> before they are used, so a rotated refresh token is never lost.
/// Concurrent calls share one refresh: a single-use refresh token (Shopee) must not be spent twice.
/// </summary>
public sealed class MarketplaceSession(
    IMarketplaceConnector connector,
    MarketplaceResilience resilience,
    MarketplaceAccount account,
    Func<PlatformCredentials, Task> saveCredentials,
    TimeProvider time)
{
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refreshGate = new(1, 1);

    public MarketplaceAccount Account { get; private set; } = account;

    public IMarketplaceConnector Connector => connector;

    public async Task<T> RunAsync<T>(Func<IMarketplaceConnector, MarketplaceAccount, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        if (Account.Credentials is { AccessTokenExpiresAt: { } expires, RefreshToken.Length: > 0 } current && expires - time.GetUtcNow() < RefreshAhead)
        {
            await RefreshAsync(current, cancellationToken);
        }
        var pipeline = resilience.For(Account.Platform, Account.AccountId);
        var used = Account.Credentials;
        try
        {
            return await pipeline.ExecuteAsync(async ct => await call(connector, Account, ct), cancellationToken);
        }
        catch (MarketplaceTokenExpiredException)
        {
            await RefreshAsync(used, cancellationToken);
            try
            {
                return await pipeline.ExecuteAsync(async ct => await call(connector, Account, ct), cancellationToken);
            }
            catch (MarketplaceTokenExpiredException ex)
            {
                throw new MarketplaceAuthException(ex.Platform, ex.Code, "The platform refused a freshly refreshed token.");
            }
        }
    }

    public Task RunAsync(Func<IMarketplaceConnector, MarketplaceAccount, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        RunAsync<bool>(async (c, a, ct) =>
        {
            await call(c, a, ct);
            return true;
        }, cancellationToken);

    /// <summary>Refreshes unless another call already replaced <paramref name="stale"/> while this one waited.</summary>
    private async Task RefreshAsync(PlatformCredentials stale, CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            if (!ReferenceEquals(Account.Credentials, stale))
            {
                return;
            }
            var pipeline = resilience.For(Account.Platform, Account.AccountId);
            PlatformCredentials refreshed;
            try
            {
                refreshed = await pipeline.ExecuteAsync(async ct => await connector.RefreshAsync(Account.Credentials, ct), cancellationToken);
            }
            catch (MarketplaceTokenExpiredException ex)
            {
                throw new MarketplaceAuthException(ex.Platform, ex.Code, "The refresh token was refused; the seller must authorize again.");
            }
            await saveCredentials(refreshed);
            Account = Account with { Credentials = refreshed };
        }
        finally
        {
            _refreshGate.Release();
        }
    }
}
