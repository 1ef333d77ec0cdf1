namespace OrderActors.ReadModel;

/// <summary>
/// The hours a statistics request covers, [<see cref="FromHour"/>, <see cref="ToHour"/>), split into whole UTC days
/// read from the daily cells and the partial days at either end read from the hourly cells. An hour counts when it
/// starts inside [from, to).
/// </summary>
public sealed record StatsRange(DateTime FromHour, DateTime ToHour, DateTime FirstFullDay, DateTime EndFullDays)
{
    public bool HasFullDays => FirstFullDay < EndFullDays;

    /// <summary>Hourly cells needed before the whole days (all of the range when it has none).</summary>
    public (DateTime From, DateTime To) LeadingHours => HasFullDays ? (FromHour, FirstFullDay) : (FromHour, ToHour);

    /// <summary>Hourly cells needed after the whole days (empty when the range has none).</summary>
    public (DateTime From, DateTime To) TrailingHours => HasFullDays ? (EndFullDays, ToHour) : (ToHour, ToHour);

    public static StatsRange Of(DateTimeOffset from, DateTimeOffset to)
    {
        var fromHour = StatsBucket.TruncateToHour(from.UtcDateTime);
        var toHour = StatsBucket.TruncateToHour(to.UtcDateTime);
        if (toHour < to.UtcDateTime)
        {
            toHour = toHour.AddHours(1);
        }
        var firstFullDay = fromHour == fromHour.Date ? fromHour : fromHour.Date.AddDays(1);
        return new StatsRange(fromHour, toHour, DateTime.SpecifyKind(firstFullDay, DateTimeKind.Utc), DateTime.SpecifyKind(toHour.Date, DateTimeKind.Utc));
    }
}
