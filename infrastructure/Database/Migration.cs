namespace OrderActors.Database;

/// <summary>One versioned schema step: the statements of <c>Database/{dialect}/NNNN_name.sql</c>.</summary>
public sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements);
