namespace OrderActors.ApiHost.Apis.Identity;

public sealed record PutRoleRequest(string? Description, IReadOnlyList<string>? Permissions);
