namespace OrderActors.Database;

public enum SqlDialect
{
    Sqlite = 0,
    MySql = 1,
}
