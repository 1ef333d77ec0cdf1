using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.ApiHost.Infrastructure;
using OrderActors.Marketplaces;

namespace OrderActors.ApiHost.Components.Accounts;

/// <summary>What an account command did: a message to show and, on failure, the field errors as the API names them.</summary>
public sealed record AccountActionResult(bool Succeeded, string Message, IReadOnlyDictionary<string, string[]> Errors, PlatformAccountInfo? Account = null)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static AccountActionResult Done(string message, PlatformAccountInfo? account = null) => new(true, message, NoErrors, account);

    public static AccountActionResult Failed(string field, string message) =>
        new(false, message, new Dictionary<string, string[]> { [field] = [message] });

    public static AccountActionResult Invalid(Validation validation)
    {
        var errors = (validation.ToProblem() as ValidationProblem)?.ProblemDetails.Errors ?? new Dictionary<string, string[]>();
        return new(false, errors.SelectMany(e => e.Value).FirstOrDefault() ?? "The input is not valid.", new Dictionary<string, string[]>(errors));
    }

    /// <summary>The first message for a field (API field names, e.g. <c>credentials.appSecret</c>), or null.</summary>
    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? messages.FirstOrDefault() : null;
}
