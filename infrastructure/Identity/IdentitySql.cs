using OrderActors.Database;

namespace OrderActors.Identity;

/// <summary>The few statements whose spelling differs between SQLite and MySQL.</summary>
internal static class IdentitySql
{
    public static string InsertIgnore(SqlDialect dialect) =>
        dialect == SqlDialect.Sqlite ? "INSERT OR IGNORE INTO" : "INSERT IGNORE INTO";

    public static long Ms(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset? FromMs(long? value) => value is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
