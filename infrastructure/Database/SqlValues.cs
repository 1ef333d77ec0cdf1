using System.Globalization;

namespace OrderActors.Database;

/// <summary>Money is DECIMAL on MySQL and exact invariant text on SQLite (whose REAL would round it).</summary>
public static class SqlValues
{
    public static object Money(decimal value, SqlDialect dialect) =>
        dialect == SqlDialect.Sqlite ? value.ToString(CultureInfo.InvariantCulture) : value;

    public static decimal ReadMoney(object value) => value switch
    {
        decimal d => d,
        string s => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture),
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    /// <summary>MySqlConnector returns CHAR(36) as Guid; SQLite returns text.</summary>
    public static Guid ReadGuid(object value) => value is Guid g ? g : Guid.Parse((string)value);
}
