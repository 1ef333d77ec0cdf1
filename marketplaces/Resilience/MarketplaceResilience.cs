using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrderActors.Orders;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OrderActors.Marketplaces.Resilience;

/// <summary>
/// One Polly pipeline per connected account: a total timeout, retries with exponential backoff and jitter for transient
/// failures and throttling (honouring Retry-After), a circuit breaker and a token-bucket rate limiter at the
/// platform's limit, and a per-attempt timeout. Per account, so one shop's outage or burst never slows another.
/// </summary>
public sealed class MarketplaceResilience(IOptions<MarketplaceOptions> options, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<(SourcePlatform, Guid), (ResiliencePipeline Pipeline, RateLimiter Limiter)> _pipelines = new();

    public ResiliencePipeline For(SourcePlatform platform, Guid accountId) =>
        _pipelines.GetOrAdd((platform, accountId), key => Build(key.Item1)).Pipeline;

    /// <summary>Forgets an account's pipeline (deleted account, or new credentials that deserve a closed breaker).</summary>
    public void Reset(SourcePlatform platform, Guid accountId)
    {
        if (_pipelines.TryRemove((platform, accountId), out var entry))
        {
            entry.Limiter.Dispose();
        }
    }

    public static bool IsRetryable(Exception ex) =>
        ex is MarketplaceTransientException or MarketplaceThrottledException or TimeoutRejectedException or HttpRequestException;

    private (ResiliencePipeline, RateLimiter) Build(SourcePlatform platform)
    {
        var o = options.Value;
        var perSecond = o.RequestsPerSecond.GetValueOrDefault(platform, 5);
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 10_000, // wait for a token rather than fail: the limit is ours, not the platform's
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(o.CallTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsRetryable),
                MaxRetryAttempts = o.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = o.RetryBaseDelay,
                MaxDelay = o.RetryMaxDelay,
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is MarketplaceThrottledException { RetryAfter: { } wait } ? (TimeSpan?)wait : null),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Throttling is the platform protecting itself, not an outage: it does not count towards opening.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is MarketplaceTransientException or TimeoutRejectedException or HttpRequestException),
                FailureRatio = 0.5,
                MinimumThroughput = 20,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = o.BreakDuration,
            })
            .AddRateLimiter(limiter)
            .AddTimeout(o.AttemptTimeout)
            .Build();
        return (pipeline, limiter);
    }

    public void Dispose()
    {
        foreach (var entry in _pipelines.Values)
        {
            entry.Limiter.Dispose();
        }
    }
}
