namespace OrderActors.Grains.Orders.Duplicates;

/// <summary>
/// Decides whether two orders from different platforms or accounts are probably one purchase. All of these must
/// hold: the same normalized phone or email, the same item set, grand totals in the same currency within
/// <see cref="TotalTolerance"/>, and order dates within <see cref="Window"/>. The score (0.6 to 1) then grows
/// with matching phone and email, closer totals and closer times.
/// </summary>
public static class DuplicateScorer
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(72);

    /// <summary>Relative tolerance on the grand total (platform fees and rounding differ a little).</summary>
    public const decimal TotalTolerance = 0.05m;

    public static (double Score, IReadOnlyList<string> Reasons)? Score(DuplicateProbe order, DuplicateProbe other)
    {
        if (order.Id == other.Id || (order.Platform == other.Platform && order.AccountId == other.AccountId))
        {
            return null;
        }
        var samePhone = order.PhoneKey is not null && order.PhoneKey == other.PhoneKey;
        var sameEmail = order.EmailKey is not null && order.EmailKey == other.EmailKey;
        var apart = (order.OrderDate - other.OrderDate).Duration();
        if (!(samePhone || sameEmail)
            || order.ItemSignature != other.ItemSignature
            || order.Currency != other.Currency
            || apart > Window)
        {
            return null;
        }
        var largest = Math.Max(Math.Abs(order.GrandTotal), Math.Abs(other.GrandTotal));
        var relativeGap = largest == 0 ? 0 : Math.Abs(order.GrandTotal - other.GrandTotal) / largest;
        if (relativeGap > TotalTolerance)
        {
            return null;
        }

        var reasons = new List<string>();
        var score = 0.6;
        if (samePhone)
        {
            reasons.Add("same phone");
        }
        if (sameEmail)
        {
            reasons.Add("same email");
        }
        if (samePhone && sameEmail)
        {
            score += 0.15;
        }
        reasons.Add("same items");
        reasons.Add(relativeGap == 0 ? "same total" : "total within tolerance");
        score += 0.15 * (double)(1 - relativeGap / TotalTolerance);
        reasons.Add($"{apart.TotalHours:0.#} h apart");
        score += 0.1 * (1 - apart / Window);
        return (Math.Round(Math.Min(score, 1.0), 3), reasons);
    }
}
