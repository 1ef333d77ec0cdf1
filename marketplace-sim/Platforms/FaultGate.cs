using OrderActors.MarketplaceSim.Model;
using OrderActors.Orders;

namespace OrderActors.MarketplaceSim.Platforms;

/// <summary>Applies the injected latency, throttling and 5xx faults to an API call, in the platform's own error shape.</summary>
public sealed class FaultGate(SimState state)
{
    private readonly Random _random = new();
    private readonly Lock _lock = new();

    public async Task<IResult?> EnterAsync(SourcePlatform platform, bool writeBack = false, bool orderList = false)
    {
        var faults = state.Faults(platform);
        if (faults.LatencyMs > 0)
        {
            await Task.Delay(faults.LatencyMs);
        }
        bool throttle, fail;
        lock (_lock)
        {
            throttle = faults.ThrottleBurst > 0 || _random.NextDouble() < faults.ThrottleRate;
            if (faults.ThrottleBurst > 0)
            {
                faults.ThrottleBurst--;
            }
            fail = !throttle && ((writeBack && faults.FailWriteBacks) || (orderList && faults.FailOrderLists) || _random.NextDouble() < faults.ErrorRate);
        }
        if (throttle)
        {
            state.CountFault(platform, throttled: true);
            return Throttled(platform);
        }
        if (fail)
        {
            state.CountFault(platform, throttled: false);
            return ServerError(platform);
        }
        return null;
    }

    private static IResult Throttled(SourcePlatform platform) => platform switch
    {
        SourcePlatform.Shopee => Results.Json(new { request_id = RequestId(), error = "error_rate_limit", message = "Too many requests, please try again later." }, statusCode: 429),
        SourcePlatform.Lazada => Results.Json(new { type = "ISV", code = "ApiCallLimit", message = "Api access frequency exceeds the limit. this ban will last 1 seconds", request_id = RequestId() }),
        SourcePlatform.Shopify => new RetryAfterResult(Results.Json(new { errors = "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." }, statusCode: 429)),
        _ => Results.Json(new { code = 36009002, message = "Too many requests", request_id = RequestId() }, statusCode: 429),
    };

    private static IResult ServerError(SourcePlatform platform) => platform switch
    {
        SourcePlatform.Shopee => Results.Json(new { request_id = RequestId(), error = "error_server", message = "Something wrong. Please try later." }, statusCode: 500),
        SourcePlatform.Lazada => Results.Json(new { type = "SYSTEM", code = "ServiceUnavailable", message = "The service is temporarily unavailable.", request_id = RequestId() }, statusCode: 503),
        SourcePlatform.Shopify => Results.Json(new { errors = "Internal Server Error" }, statusCode: 503),
        _ => Results.Json(new { code = 36009003, message = "Internal error", request_id = RequestId() }, statusCode: 500),
    };

    public static string RequestId() => Guid.NewGuid().ToString("N");

    /// <summary>Shopify's REST throttle answer carries Retry-After (seconds).</summary>
    private sealed class RetryAfterResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
