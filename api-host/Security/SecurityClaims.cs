namespace OrderActors.ApiHost.Security;

/// <summary>Claim types of our tokens and cookies beyond the registered JWT ones.</summary>
public static class SecurityClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>The sign-in session; revoking it (logout) ends the access tokens and cookie issued for it.</summary>
    public const string Session = "sid";

    /// <summary>The user's security stamp at issue; a new stamp (disable, password change) ends everything issued before.</summary>
    public const string SecurityStamp = "stamp";
}
