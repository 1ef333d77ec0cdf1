namespace OrderActors.Grains.Workflows.Roles;

public static class BuiltInRoles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string Warehouse = "Warehouse";
    public const string CustomerService = "CustomerService";
    public const string Billing = "Billing";

    public static IReadOnlyList<string> All { get; } = [Admin, Manager, Warehouse, CustomerService, Billing];
}
