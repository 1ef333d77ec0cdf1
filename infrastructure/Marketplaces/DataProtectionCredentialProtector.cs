using Microsoft.AspNetCore.DataProtection;
using OrderActors.Grains.Marketplaces;

namespace OrderActors.Marketplaces.Security;

/// <summary>Encrypts platform credentials with ASP.NET Core Data Protection under a purpose of their own.</summary>
public sealed class DataProtectionCredentialProtector(IDataProtectionProvider provider) : ICredentialProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("OrderActors.Marketplaces.Credentials.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
