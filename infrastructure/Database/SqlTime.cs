using System.Globalization;

namespace OrderActors.Database;

/// <summary>Times are stored in UTC: DATETIME(3) on MySQL, sortable ISO-8601 text on SQLite.</summary>
public static class SqlTime
{
    private const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static object ToDb(DateTimeOffset value, SqlDialect dialect) =>
        dialect == SqlDialect.Sqlite
            ? value.UtcDateTime.ToString(SqliteFormat, CultureInfo.InvariantCulture)
            : DateTime.SpecifyKind(value.UtcDateTime, DateTimeKind.Utc);

    public static DateTimeOffset FromDb(object value) => value switch
    {
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        DateTimeOffset dto => dto.ToUniversalTime(),
        _ => throw new InvalidCastException($"Cannot read a time from {value.GetType()}"),
    };
}
