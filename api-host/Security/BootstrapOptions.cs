namespace OrderActors.ApiHost.Security;

/// <summary><c>OrderActors:Bootstrap</c> (<c>OrderActors__Bootstrap__AdminEmail</c>, <c>..__AdminPassword</c>): the first administrator.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "OrderActors:Bootstrap";

    public const string DefaultEmbeddedAdminEmail = "admin@localhost";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }
}
