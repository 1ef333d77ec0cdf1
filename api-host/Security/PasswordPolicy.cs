using Microsoft.Extensions.Options;

namespace OrderActors.ApiHost.Security;

/// <summary>
/// Length over composition (NIST SP 800-63B): a minimum length, a maximum that keeps hashing cheap, and refusal of
/// passwords that are common or contain the account's own email.
/// </summary>
public sealed class PasswordPolicy(IOptions<SecurityOptions> options)
{
    public const int MaximumLength = 128;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password1234", "123456789012", "qwertyuiopas", "passwordpassword", "iloveyou1234", "administrator",
        "letmein12345", "welcome12345", "changeme1234", "orderactors1", "orderactors123", "admin1234567",
    };

    public IReadOnlyList<string> Check(string? password, string? email)
    {
        var errors = new List<string>();
        var min = options.Value.PasswordMinimumLength;
        if (string.IsNullOrEmpty(password) || password.Length < min)
        {
            errors.Add($"The password must be at least {min} characters.");
            return errors;
        }
        if (password.Length > MaximumLength)
        {
            errors.Add($"The password must be at most {MaximumLength} characters.");
        }
        if (password.Distinct().Count() < 4)
        {
            errors.Add("The password must use at least 4 different characters.");
        }
        if (Common.Contains(password))
        {
            errors.Add("This password is too common.");
        }
        var local = email?.Split('@')[0];
        if (local is { Length: >= 3 } && password.Contains(local, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("The password must not contain the email address.");
        }
        return errors;
    }
}
