using System.ComponentModel.DataAnnotations;
using OrderActors.ApiHost.Security;

namespace OrderActors.ApiHost.Components.Account;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your email.")]
    [StringLength(254)]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter your password.")]
    [StringLength(PasswordPolicy.MaximumLength)]
    public string? Password { get; set; }

    [StringLength(10)]
    public string? Code { get; set; }

    [StringLength(2000)]
    public string? ReturnUrl { get; set; }
}
