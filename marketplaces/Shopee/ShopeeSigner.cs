using OrderActors.Marketplaces.Signing;

namespace OrderActors.Marketplaces.Shopee;

/// <summary>Shopee Open Platform v2 signatures (shopee.md §2, §7): lower-case hex HMAC-SHA256 keyed with the partner key.</summary>
public static class ShopeeSigner
{
    /// <summary>Public APIs: <c>partner_id + path + timestamp</c>; shop APIs append <c>access_token + shop_id</c>.</summary>
    public static string BaseString(string partnerId, string apiPath, long timestamp, string? accessToken = null, string? shopId = null) =>
        accessToken is null ? $"{partnerId}{apiPath}{timestamp}" : $"{partnerId}{apiPath}{timestamp}{accessToken}{shopId}";

    public static string Sign(string partnerKey, string baseString) => Hmac.LowerHex(Hmac.Sha256(partnerKey, baseString));

    public static string Sign(string partnerKey, string partnerId, string apiPath, long timestamp, string? accessToken = null, string? shopId = null) =>
        Sign(partnerKey, BaseString(partnerId, apiPath, timestamp, accessToken, shopId));

    /// <summary>Push signature: HMAC over <c>callback_url + "|" + raw body</c>, sent in <c>Authorization</c>.</summary>
    public static string SignPush(string partnerKey, string callbackUrl, ReadOnlySpan<byte> body) =>
        Hmac.LowerHex(Hmac.Sha256(partnerKey, Hmac.Concat(callbackUrl + "|", body)));

    public static bool VerifyPush(string partnerKey, string callbackUrl, ReadOnlySpan<byte> body, string? authorization) =>
        Hmac.HexEquals(Hmac.Sha256(partnerKey, Hmac.Concat(callbackUrl + "|", body)), authorization, upperCase: false);

    public static bool VerifyRequest(string partnerKey, string baseString, string? sign) =>
        Hmac.HexEquals(Hmac.Sha256(partnerKey, baseString), sign, upperCase: false);
}
