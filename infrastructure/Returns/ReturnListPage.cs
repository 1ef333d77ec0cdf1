namespace OrderActors.Returns;

/// <summary>A page of returns, newest first; <c>next</c> is the cursor for the following page, null on the last.</summary>
public sealed record ReturnListPage(IReadOnlyList<ReturnSummary> Items, string? Next);
