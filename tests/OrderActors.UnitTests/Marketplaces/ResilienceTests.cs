using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrderActors.Marketplaces;
using OrderActors.Marketplaces.Resilience;
using OrderActors.Orders;
using Polly.CircuitBreaker;

namespace OrderActors.UnitTests.Marketplaces;

public sealed class ResilienceTests
{
    private static MarketplaceResilience Create(Action<MarketplaceOptions>? change = null)
    {
        var options = new MarketplaceOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5), MaxRetries = 5 };
        change?.Invoke(options);
        return new MarketplaceResilience(Options.Create(options), TimeProvider.System);
    }

    [Fact]
    public async Task Transient_failures_and_throttling_are_retried_until_success()
    {
        using var resilience = Create();
        var attempts = 0;

        var result = await resilience.For(SourcePlatform.Shopee, Guid.NewGuid()).ExecuteAsync(_ =>
        {
            attempts++;
            return attempts switch
            {
                1 => throw new MarketplaceTransientException(SourcePlatform.Shopee, "error_server", "busy"),
                2 => throw new MarketplaceThrottledException(SourcePlatform.Shopee, "error_rate_limit", "slow down", null),
                _ => ValueTask.FromResult(42),
            };
        });

        Assert.Equal(42, result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Retry_after_from_the_platform_is_honoured()
    {
        using var resilience = Create();
        var attempts = 0;
        var clock = Stopwatch.StartNew();

        await resilience.For(SourcePlatform.TikTokShop, Guid.NewGuid()).ExecuteAsync(_ =>
            ++attempts == 1 ? throw new MarketplaceThrottledException(SourcePlatform.TikTokShop, "429", "Too many requests", TimeSpan.FromMilliseconds(300)) : ValueTask.CompletedTask);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"waited only {clock.Elapsed}");
    }

    [Fact]
    public async Task Refusals_and_auth_errors_are_not_retried()
    {
        using var resilience = Create();
        var attempts = 0;

        await Assert.ThrowsAsync<MarketplaceAuthException>(async () => await resilience.For(SourcePlatform.Lazada, Guid.NewGuid()).ExecuteAsync(_ =>
        {
            attempts++;
            throw new MarketplaceAuthException(SourcePlatform.Lazada, "IncompleteSignature", "bad sign");
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task The_circuit_breaker_is_per_account_and_opens_on_an_outage()
    {
        using var resilience = Create(o => { o.MaxRetries = 1; o.BreakDuration = TimeSpan.FromMinutes(1); });
        var broken = Guid.NewGuid();
        for (var i = 0; i < 25; i++)
        {
            try
            {
                await resilience.For(SourcePlatform.Shopify, broken).ExecuteAsync(_ => throw new MarketplaceTransientException(SourcePlatform.Shopify, "503", "down"));
            }
            catch (Exception ex) when (ex is MarketplaceTransientException or BrokenCircuitException)
            {
            }
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await resilience.For(SourcePlatform.Shopify, broken).ExecuteAsync(_ => ValueTask.CompletedTask));
        await resilience.For(SourcePlatform.Shopify, Guid.NewGuid()).ExecuteAsync(_ => ValueTask.CompletedTask); // another shop is unaffected
    }

    [Fact]
    public async Task The_rate_limiter_holds_calls_to_the_platform_limit()
    {
        using var resilience = Create(o => o.RequestsPerSecond[SourcePlatform.Shopify] = 4);
        var pipeline = resilience.For(SourcePlatform.Shopify, Guid.NewGuid());
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => pipeline.ExecuteAsync(_ => ValueTask.CompletedTask).AsTask()));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.5), $"12 calls at 4/s took only {clock.Elapsed}");
    }
}
