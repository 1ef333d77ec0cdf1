namespace OrderActors.ApiHost.Apis.Identity;

public sealed record SignInRequest(string? Email, string? Password, string? Code);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record LogoutRequest(string? RefreshToken);

public sealed record PasswordResetRequest(string? Email);

public sealed record PasswordResetConfirmRequest(string? Token, string? NewPassword);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record TwoFactorCodeRequest(string? Code);

public sealed record TwoFactorDisableRequest(string? Password);

public sealed record TwoFactorSetupResponse(string Secret, string OtpauthUri);

public sealed record CurrentUserResponse(string Id, string Name, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions, bool TwoFactorEnabled);
