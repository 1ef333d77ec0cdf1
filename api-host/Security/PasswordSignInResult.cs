using OrderActors.Identity;

namespace OrderActors.ApiHost.Security;

public enum PasswordSignInStatus
{
    Succeeded = 0,

    /// <summary>Wrong email, wrong password, disabled or locked out: deliberately indistinguishable to the caller.</summary>
    Failed = 1,

    /// <summary>The password was right; a valid authenticator code is needed too.</summary>
    TwoFactorRequired = 2,
}

public sealed record PasswordSignInResult(PasswordSignInStatus Status, UserAccount? User = null);
