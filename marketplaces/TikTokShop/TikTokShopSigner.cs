using System.Text;
using OrderActors.Marketplaces.Signing;

namespace OrderActors.Marketplaces.TikTokShop;

/// <summary>TikTok Shop Partner API signatures (tiktok-shop.md §2, §7): lower-case hex HMAC-SHA256 keyed with the app secret.</summary>
public static class TikTokShopSigner
{
    /// <summary><c>secret + path + sorted(key + value) + body + secret</c>, leaving out <c>sign</c> and <c>access_token</c>.</summary>
    public static string StringToSign(string appSecret, string path, IEnumerable<KeyValuePair<string, string>> query, string? body)
    {
        var text = new StringBuilder(appSecret).Append(path);
        foreach (var (key, value) in query.Where(p => p.Key is not ("sign" or "access_token" or "x-tts-access-token")).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append(value);
        }
        return text.Append(body).Append(appSecret).ToString();
    }

    public static string Sign(string appSecret, string path, IEnumerable<KeyValuePair<string, string>> query, string? body = null) =>
        Hmac.LowerHex(Hmac.Sha256(appSecret, StringToSign(appSecret, path, query, body)));

    public static bool VerifyRequest(string appSecret, string path, IEnumerable<KeyValuePair<string, string>> query, string? body, string? sign) =>
        Hmac.HexEquals(Hmac.Sha256(appSecret, StringToSign(appSecret, path, query, body)), sign, upperCase: false);

    /// <summary>Webhook signature (SDK-confirmed): HMAC over <c>app_key + raw body</c>, in <c>Authorization</c>.</summary>
    public static string SignWebhook(string appKey, string appSecret, ReadOnlySpan<byte> body) =>
        Hmac.LowerHex(Hmac.Sha256(appSecret, Hmac.Concat(appKey, body)));

    public static bool VerifyWebhook(string appKey, string appSecret, ReadOnlySpan<byte> body, string? authorization) =>
        Hmac.HexEquals(Hmac.Sha256(appSecret, Hmac.Concat(appKey, body)), authorization, upperCase: false);
}
