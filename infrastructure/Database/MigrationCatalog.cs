using System.Globalization;
using System.Reflection;

namespace OrderActors.Database;

/// <summary>
/// Loads the embedded migration scripts of a dialect. A script is named <c>NNNN_name.sql</c>; its statements
/// are separated by a line that reads exactly <c>-- go</c>, so procedure bodies may contain semicolons.
/// </summary>
public static class MigrationCatalog
{
    public const string StatementSeparator = "-- go";

    public static IReadOnlyList<Migration> For(SqlDialect dialect)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var prefix = dialect + "/";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, name, prefix))
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static Migration Load(Assembly assembly, string resourceName, string prefix)
    {
        var fileName = resourceName[prefix.Length..^".sql".Length];
        var underscore = fileName.IndexOf('_');
        var version = int.Parse(fileName[..underscore], CultureInfo.InvariantCulture);
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Missing migration resource {resourceName}");
        using var reader = new StreamReader(stream);
        return new Migration(version, fileName[(underscore + 1)..], Split(reader.ReadToEnd()));
    }

    internal static IReadOnlyList<string> Split(string script)
    {
        var statements = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in script.Split('\n'))
        {
            if (line.TrimEnd('\r').Trim() == StatementSeparator)
            {
                AddIfNotBlank(statements, current);
                continue;
            }
            current.Append(line).Append('\n');
        }
        AddIfNotBlank(statements, current);
        return statements;
    }

    private static void AddIfNotBlank(List<string> statements, System.Text.StringBuilder current)
    {
        var text = current.ToString().Trim();
        current.Clear();
        var meaningful = text.Split('\n').Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("--", StringComparison.Ordinal));
        if (meaningful)
        {
            statements.Add(text);
        }
    }
}
