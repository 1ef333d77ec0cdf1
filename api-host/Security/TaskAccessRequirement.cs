using Microsoft.AspNetCore.Authorization;

namespace OrderActors.ApiHost.Security;

/// <summary>
/// "Only the assignee or a holder of the step's role may act on this task." Evaluate it against the task with
/// <c>IAuthorizationService.AuthorizeAsync(user, task, SecurityPolicies.TaskAccess)</c>; the task implements
/// <see cref="ITaskAccessResource"/>.
/// </summary>
public sealed class TaskAccessRequirement : IAuthorizationRequirement;

/// <summary>What the task access check needs to know about a workflow task.</summary>
public interface ITaskAccessResource
{
    /// <summary>The user the task is assigned to, if any.</summary>
    string? AssigneeId { get; }

    /// <summary>The role the workflow step is meant for, if any.</summary>
    string? Role { get; }
}
