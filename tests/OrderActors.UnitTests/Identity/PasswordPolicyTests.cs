using Microsoft.Extensions.Options;
using OrderActors.ApiHost.Security;

namespace OrderActors.UnitTests.Identity;

public sealed class PasswordPolicyTests
{
    private readonly PasswordPolicy _policy = new(Options.Create(new SecurityOptions()));

    [Theory]
    [InlineData("short")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("password1234")]
    [InlineData("xx-siti.rahman-xx")]
    public void Weak_passwords_are_refused(string password)
    {
        Assert.NotEmpty(_policy.Check(password, "siti.rahman@shop.test"));
    }

    [Fact]
    public void A_long_unusual_passphrase_is_accepted()
    {
        Assert.Empty(_policy.Check("purple-elephant-dances-at-noon", "siti.rahman@shop.test"));
    }
}
