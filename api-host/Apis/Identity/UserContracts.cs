using OrderActors.Identity;

namespace OrderActors.ApiHost.Apis.Identity;

public sealed record CreateUserRequest(string? Email, string? DisplayName, string? Password, IReadOnlyList<string>? Roles);

public sealed record UpdateUserRequest(string? DisplayName, IReadOnlyList<string>? Roles, bool? Disabled);

public sealed record UserResponse(
    string Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    bool Disabled,
    bool LockedOut,
    bool TwoFactorEnabled,
    DateTimeOffset CreatedAt)
{
    public static UserResponse From(UserAccount u, DateTimeOffset now) => new(
        u.Id, u.Email, u.DisplayName, u.Roles, u.IsDisabled, u.IsLockedOut(now), u.TwoFactorEnabled, DateTimeOffset.FromUnixTimeMilliseconds(u.CreatedAt));
}
