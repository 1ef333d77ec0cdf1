using OrderActors.ApiHost.Infrastructure;
using OrderActors.Marketplaces;
using OrderActors.Orders;

namespace OrderActors.ApiHost.Apis.PlatformAccounts;

/// <summary>Field checks for the accounts API; every failure names its field.</summary>
public static class AccountRequestValidator
{
    public const int MinIntervalSeconds = 1;
    public const int MaxIntervalSeconds = 86_400;

    public static bool TryPlatform(string? text, out SourcePlatform platform) =>
        Enum.TryParse(text, ignoreCase: false, out platform) && MarketplaceConnectors.IsMarketplace(platform);

    public static Validation Validate(ConnectAccountRequest r, out ConnectAccountCommand? command)
    {
        var v = new Validation()
            .Require(TryPlatform(r.Platform, out var platform), "platform", "platform must be one of Shopee, Lazada, Shopify, TikTokShop.")
            .Require(r.Name is { Length: > 0 and <= 200 } && !string.IsNullOrWhiteSpace(r.Name), "name", "name is required (at most 200 characters).")
            .Require(r.SyncIntervalSeconds is null or (>= MinIntervalSeconds and <= MaxIntervalSeconds), "syncIntervalSeconds", $"syncIntervalSeconds must be between {MinIntervalSeconds} and {MaxIntervalSeconds}.")
            .Require(r.BackfillDays is null or (>= 0 and <= 90), "backfillDays", "backfillDays must be between 0 and 90.");
        if (r.Credentials is null)
        {
            v.Add("credentials", "credentials are required.");
        }
        else
        {
            ValidateCredentials(v, r.Credentials, "credentials");
        }
        command = v.IsValid
            ? new ConnectAccountCommand
            {
                Platform = platform,
                Name = r.Name!.Trim(),
                Credentials = ToCredentials(r.Credentials!),
                SyncIntervalSeconds = r.SyncIntervalSeconds ?? 300,
                BackfillDays = r.BackfillDays ?? 30,
            }
            : null;
        return v;
    }

    public static Validation Validate(StartOAuthRequest r, out StartAuthorizationCommand? command)
    {
        var v = new Validation()
            .Require(TryPlatform(r.Platform, out var platform), "platform", "platform must be one of Shopee, Lazada, Shopify, TikTokShop.")
            .Require(r.Name is { Length: > 0 and <= 200 } && !string.IsNullOrWhiteSpace(r.Name), "name", "name is required (at most 200 characters).")
            .Require(!string.IsNullOrWhiteSpace(r.AppKey), "appKey", "appKey is required.")
            .Require(!string.IsNullOrWhiteSpace(r.AppSecret), "appSecret", "appSecret is required.")
            .Require(Uri.TryCreate(r.RedirectUri, UriKind.Absolute, out var redirect) && redirect.Scheme is "https" or "http", "redirectUri", "redirectUri must be an absolute http(s) URL.")
            .Require(platform != SourcePlatform.Shopify || !string.IsNullOrWhiteSpace(r.ShopId), "shopId", "shopId (the shop name of {shop}.myshopify.com) is required for Shopify.")
            .Require(r.SyncIntervalSeconds is null or (>= MinIntervalSeconds and <= MaxIntervalSeconds), "syncIntervalSeconds", $"syncIntervalSeconds must be between {MinIntervalSeconds} and {MaxIntervalSeconds}.")
            .Require(r.BackfillDays is null or (>= 0 and <= 90), "backfillDays", "backfillDays must be between 0 and 90.");
        command = v.IsValid
            ? new StartAuthorizationCommand
            {
                Platform = platform,
                Name = r.Name!.Trim(),
                AppKey = r.AppKey!,
                AppSecret = r.AppSecret!,
                RedirectUri = r.RedirectUri!,
                ShopId = r.ShopId,
                SyncIntervalSeconds = r.SyncIntervalSeconds ?? 300,
                BackfillDays = r.BackfillDays ?? 30,
            }
            : null;
        return v;
    }

    public static Validation Validate(UpdateAccountRequest r, out UpdateAccountCommand? command)
    {
        var v = new Validation()
            .Require(r.Name is null || (r.Name.Length is > 0 and <= 200 && !string.IsNullOrWhiteSpace(r.Name)), "name", "name must be 1 to 200 characters.")
            .Require(r.SyncIntervalSeconds is null or (>= MinIntervalSeconds and <= MaxIntervalSeconds), "syncIntervalSeconds", $"syncIntervalSeconds must be between {MinIntervalSeconds} and {MaxIntervalSeconds}.");
        if (r.Credentials is not null)
        {
            ValidateCredentials(v, r.Credentials, "credentials");
        }
        command = v.IsValid
            ? new UpdateAccountCommand { Name = r.Name?.Trim(), SyncIntervalSeconds = r.SyncIntervalSeconds, Active = r.Active, Credentials = r.Credentials is null ? null : ToCredentials(r.Credentials) }
            : null;
        return v;
    }

    private static void ValidateCredentials(Validation v, CredentialsRequest c, string prefix) => v
        .Require(!string.IsNullOrWhiteSpace(c.AppKey), $"{prefix}.appKey", "appKey is required.")
        .Require(!string.IsNullOrWhiteSpace(c.AppSecret), $"{prefix}.appSecret", "appSecret is required.")
        .Require(!string.IsNullOrWhiteSpace(c.ShopId), $"{prefix}.shopId", "shopId is required.")
        .Require(!string.IsNullOrWhiteSpace(c.AccessToken), $"{prefix}.accessToken", "accessToken is required (use the OAuth flow to obtain one).");

    private static PlatformCredentials ToCredentials(CredentialsRequest c) => new()
    {
        AppKey = c.AppKey!.Trim(),
        AppSecret = c.AppSecret!,
        ShopId = c.ShopId!.Trim(),
        AccessToken = c.AccessToken,
        RefreshToken = c.RefreshToken,
        AccessTokenExpiresAt = c.AccessTokenExpiresAt,
        ShopCipher = c.ShopCipher,
        Region = c.Region,
    };
}
