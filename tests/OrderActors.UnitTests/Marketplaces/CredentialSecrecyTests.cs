using Microsoft.AspNetCore.DataProtection;
using OrderActors.Marketplaces;
using OrderActors.Marketplaces.Security;

namespace OrderActors.UnitTests.Marketplaces;

public sealed class CredentialSecrecyTests
{
    private static readonly PlatformCredentials Credentials = new()
    {
        AppKey = "2001887",
        AppSecret = "partner-key-very-secret",
        ShopId = "14701711",
        AccessToken = "access-token-secret",
        RefreshToken = "refresh-token-secret",
    };

    [Fact]
    public void Credentials_never_print_their_secrets()
    {
        var text = Credentials.ToString() + new ConnectAccountCommand { Platform = OrderActors.Orders.SourcePlatform.Shopee, Name = "x", Credentials = Credentials };

        Assert.DoesNotContain("partner-key-very-secret", text);
        Assert.DoesNotContain("access-token-secret", text);
        Assert.DoesNotContain("refresh-token-secret", text);
        Assert.Contains("14701711", text);
    }

    [Fact]
    public void Protected_credentials_hold_no_clear_text_and_round_trip()
    {
        var protector = new DataProtectionCredentialProtector(new EphemeralDataProtectionProvider());
        var json = System.Text.Json.JsonSerializer.Serialize(Credentials);

        var stored = protector.Protect(json);

        Assert.DoesNotContain("partner-key-very-secret", stored);
        Assert.DoesNotContain("access-token-secret", stored);
        Assert.Equal(json, protector.Unprotect(stored));
    }
}
