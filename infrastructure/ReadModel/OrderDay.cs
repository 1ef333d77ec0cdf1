using System.Globalization;
using OrderActors.Database;

namespace OrderActors.ReadModel;

/// <summary>A UTC calendar day as the read model stores it: DATE on MySQL, 'yyyy-MM-dd' text on SQLite.</summary>
public static class OrderDay
{
    public static object ToDb(DateTime utcDay, SqlDialect dialect) =>
        dialect == SqlDialect.Sqlite
            ? utcDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : DateTime.SpecifyKind(utcDay.Date, DateTimeKind.Unspecified);

    public static DateTime Of(DateTimeOffset time) => DateTime.SpecifyKind(time.UtcDateTime.Date, DateTimeKind.Utc);
}
