namespace OrderActors.Identity;

/// <summary>A named set of permissions. Built-in roles are seeded at start and cannot be deleted.</summary>
public sealed record RoleDefinition(string Name, string? Description, bool BuiltIn, IReadOnlyList<string> Permissions);
