namespace OrderActors.Grains.Workflows.Roles;

/// <summary><c>OrderActors:Workflows:Roles</c>: custom roles and who holds each role, until the identity store provides them.</summary>
public sealed class WorkflowRoleOptions
{
    public const string Section = "OrderActors:Workflows:Roles";

    public List<string> Custom { get; set; } = [];

    /// <summary>Role name -> user ids available for automatic assignment.</summary>
    public Dictionary<string, List<string>> Members { get; set; } = new(StringComparer.Ordinal);
}
