using System.Globalization;

namespace OrderActors.ApiHost.Components.Tasks;

/// <summary>Due times as a person reads them: "in 2 h 5 min", "overdue by 12 min", with the UTC time for precision.</summary>
public static class TaskTime
{
    public static string Due(DateTimeOffset? dueAt, DateTimeOffset now)
    {
        if (dueAt is not { } due)
        {
            return "no due time";
        }
        var left = due - now;
        var span = Span(left.Duration());
        return left < TimeSpan.Zero ? $"overdue by {span}" : $"in {span}";
    }

    public static bool IsOverdue(DateTimeOffset? dueAt, DateTimeOffset now) => dueAt is { } due && due < now;

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static string Span(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "less than a minute",
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} min",
        { TotalDays: < 1 } => span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min",
        _ => $"{(int)span.TotalDays} d {span.Hours} h",
    };
}
