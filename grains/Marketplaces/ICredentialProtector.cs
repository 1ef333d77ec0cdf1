namespace OrderActors.Grains.Marketplaces;

/// <summary>Encrypts credentials at rest (ASP.NET Core Data Protection in the hosts).</summary>
public interface ICredentialProtector
{
    string Protect(string plaintext);

    string Unprotect(string protectedText);
}
