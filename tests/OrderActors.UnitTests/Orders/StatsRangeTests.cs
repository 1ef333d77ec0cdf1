using OrderActors.ReadModel;

namespace OrderActors.UnitTests.Orders;

public sealed class StatsRangeTests
{
    private static readonly DateTimeOffset Day0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Whole_days_come_from_daily_cells_and_the_partial_ends_from_hourly_cells()
    {
        var range = StatsRange.Of(Day0.AddHours(5).AddMinutes(20), Day0.AddDays(3).AddHours(7).AddMinutes(30));

        Assert.Equal(Day0.AddHours(5).UtcDateTime, range.FromHour);
        Assert.Equal(Day0.AddDays(3).AddHours(8).UtcDateTime, range.ToHour);
        Assert.Equal((Day0.AddDays(1).UtcDateTime, Day0.AddDays(3).UtcDateTime), (range.FirstFullDay, range.EndFullDays));
        Assert.Equal((Day0.AddHours(5).UtcDateTime, Day0.AddDays(1).UtcDateTime), range.LeadingHours);
        Assert.Equal((Day0.AddDays(3).UtcDateTime, Day0.AddDays(3).AddHours(8).UtcDateTime), range.TrailingHours);
    }

    [Fact]
    public void Aligned_ranges_need_no_hourly_cells_and_short_ranges_only_hourly_ones()
    {
        var week = StatsRange.Of(Day0, Day0.AddDays(7));
        Assert.True(week.HasFullDays);
        Assert.Equal(week.LeadingHours.From, week.LeadingHours.To);
        Assert.Equal(week.TrailingHours.From, week.TrailingHours.To);

        var evening = StatsRange.Of(Day0.AddHours(20), Day0.AddDays(1).AddHours(3));
        Assert.False(evening.HasFullDays);
        Assert.Equal((Day0.AddHours(20).UtcDateTime, Day0.AddDays(1).AddHours(3).UtcDateTime), evening.LeadingHours);
        Assert.Equal(evening.TrailingHours.From, evening.TrailingHours.To);
    }
}
