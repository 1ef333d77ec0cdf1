using OrderActors.Database;

namespace OrderActors.UnitTests.Database;

public sealed class MigrationCatalogTests
{
    [Fact]
    public void Split_separates_statements_on_go_lines_and_keeps_semicolons_inside_bodies()
    {
        var script = "CREATE TABLE a (x INT);\n-- go\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END\n-- go\n-- only a comment\n";

        var statements = MigrationCatalog.Split(script);

        Assert.Equal(2, statements.Count);
        Assert.Equal("CREATE TABLE a (x INT);", statements[0]);
        Assert.Contains("SELECT 1; SELECT 2;", statements[1]);
    }

    [Theory]
    [InlineData(SqlDialect.MySql)]
    [InlineData(SqlDialect.Sqlite)]
    public void Every_dialect_has_ordered_distinct_migration_versions(SqlDialect dialect)
    {
        var migrations = MigrationCatalog.For(dialect);

        Assert.NotEmpty(migrations);
        Assert.Equal(migrations.Select(m => m.Version).Distinct().Count(), migrations.Count);
        Assert.Equal(migrations.OrderBy(m => m.Version).Select(m => m.Version), migrations.Select(m => m.Version));
        Assert.All(migrations, m => Assert.NotEmpty(m.Statements));
    }
}
