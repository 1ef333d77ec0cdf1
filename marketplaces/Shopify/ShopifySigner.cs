using OrderActors.Marketplaces.Signing;

namespace OrderActors.Marketplaces.Shopify;

/// <summary>Shopify's HMACs (shopify.md §2): OAuth query in lower-case hex, webhooks in Base64; Admin calls are not signed.</summary>
public static class ShopifySigner
{
    /// <summary>Every query parameter except <c>hmac</c>, sorted by key, joined as <c>key=value</c> with <c>&amp;</c>.</summary>
    public static string OAuthMessage(IEnumerable<KeyValuePair<string, string>> query) =>
        string.Join('&', query.Where(p => p.Key != "hmac").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    public static string SignOAuth(string clientSecret, IEnumerable<KeyValuePair<string, string>> query) =>
        Hmac.LowerHex(Hmac.Sha256(clientSecret, OAuthMessage(query)));

    public static bool VerifyOAuth(string clientSecret, IReadOnlyDictionary<string, string> query) =>
        Hmac.HexEquals(Hmac.Sha256(clientSecret, OAuthMessage(query)), query.GetValueOrDefault("hmac"), upperCase: false);

    public static string SignWebhook(string clientSecret, ReadOnlySpan<byte> body) => Convert.ToBase64String(Hmac.Sha256(clientSecret, body));

    public static bool VerifyWebhook(string clientSecret, ReadOnlySpan<byte> body, string? header) =>
        Hmac.Base64Equals(Hmac.Sha256(clientSecret, body), header);
}
