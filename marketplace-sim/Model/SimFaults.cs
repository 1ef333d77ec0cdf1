namespace OrderActors.MarketplaceSim.Model;

/// <summary>Faults injected into one platform's API (control API <c>POST /_sim/faults/{platform}</c>).</summary>
public sealed class SimFaults
{
    /// <summary>Share of API calls answered with the platform's throttling error.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Share of API calls answered with a 5xx.</summary>
    public double ErrorRate { get; set; }

    public int LatencyMs { get; set; }

    /// <summary>The next N API calls are throttled (a burst).</summary>
    public int ThrottleBurst { get; set; }

    /// <summary>After N more successful order API calls, every current access token of the platform expires.</summary>
    public int? ExpireTokensAfterCalls { get; set; }

    /// <summary>Write-back calls (ship, pack, cancel, fulfil) answer 503 while set.</summary>
    public bool FailWriteBacks { get; set; }

    /// <summary>Shopee's order list answers 5xx while set, so only pushes and lost pushes bring orders in.</summary>
    public bool FailOrderLists { get; set; }
}

public sealed record SimStats(int Throttled, int ServerErrors, int TokenExpiries, int Calls);
