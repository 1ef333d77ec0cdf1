namespace OrderActors.ReadModel;

/// <summary>Rows for one read-model table, ready for a multi-row INSERT (optionally ignoring rows already there, or with an upsert clause).</summary>
public sealed record TableRows(string Table, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, bool IgnoreDuplicates = false, string? Suffix = null);
