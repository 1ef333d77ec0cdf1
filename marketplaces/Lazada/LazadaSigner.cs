using System.Text;
using OrderActors.Marketplaces.Signing;

namespace OrderActors.Marketplaces.Lazada;

/// <summary>LazOP signatures (lazada.md §2, §7): requests in UPPER-case hex, pushes in lower-case hex.</summary>
public static class LazadaSigner
{
    /// <summary><c>api_path + sorted(name + value)</c> over every parameter except <c>sign</c>, empty values skipped, then the raw body if any.</summary>
    public static string StringToSign(string apiPath, IEnumerable<KeyValuePair<string, string>> parameters, string? body = null)
    {
        var text = new StringBuilder(apiPath);
        foreach (var (name, value) in parameters.Where(p => p.Key != "sign" && !string.IsNullOrEmpty(p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(value);
        }
        if (!string.IsNullOrEmpty(body))
        {
            text.Append(body);
        }
        return text.ToString();
    }

    public static string Sign(string appSecret, string apiPath, IEnumerable<KeyValuePair<string, string>> parameters, string? body = null) =>
        Hmac.UpperHex(Hmac.Sha256(appSecret, StringToSign(apiPath, parameters, body)));

    public static bool VerifyRequest(string appSecret, string apiPath, IEnumerable<KeyValuePair<string, string>> parameters, string? sign) =>
        Hmac.HexEquals(Hmac.Sha256(appSecret, StringToSign(apiPath, parameters)), sign, upperCase: true);

    /// <summary>Push signature: HMAC keyed with the app secret over <c>app_key + raw body</c>, in <c>Authorization</c>.</summary>
    public static string SignPush(string appKey, string appSecret, ReadOnlySpan<byte> body) =>
        Hmac.LowerHex(Hmac.Sha256(appSecret, Hmac.Concat(appKey, body)));

    public static bool VerifyPush(string appKey, string appSecret, ReadOnlySpan<byte> body, string? authorization) =>
        Hmac.HexEquals(Hmac.Sha256(appSecret, Hmac.Concat(appKey, body)), authorization, upperCase: false);
}
