namespace OrderActors.ApiHost.Security;

/// <summary>What the identity bootstrap did, for the startup banner.</summary>
public sealed class BootstrapReport
{
    public string? AdminEmail { get; set; }

    public bool PasswordGenerated { get; set; }
}
