using System.Net;
using System.Text;

namespace OrderActors.MarketplaceSim.Platforms;

/// <summary>
/// The seller's confirmation step of each platform's authorization page. A real platform makes the seller log in and
/// press "Confirm authorization" before it redirects with a code; a browser (it asks for text/html) gets that page here,
/// and its button repeats the same request with <c>consent=approve</c>. Programmatic clients (tests following the link
/// with an HttpClient, which asks for no HTML) are redirected at once, as the simulator always did.
/// </summary>
public static class ConsentPage
{
    public const string ApproveParameter = "consent";
    public const string ApproveValue = "approve";

    /// <summary>True when the request comes from a browser that has not yet pressed the approve button.</summary>
    public static bool IsNeeded(HttpRequest request) =>
        request.Query[ApproveParameter] != ApproveValue
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    public static IResult Render(HttpRequest request, string platform, string appKey, string? shopId)
    {
        var fields = new StringBuilder();
        foreach (var (key, values) in request.Query.Where(q => q.Key != ApproveParameter))
        {
            foreach (var value in values)
            {
                fields.Append($"<input type=\"hidden\" name=\"{Encode(key)}\" value=\"{Encode(value ?? "")}\">");
            }
        }
        var shop = string.IsNullOrEmpty(shopId) ? "your shop" : $"shop {Encode(shopId)}";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{Encode(platform)}} authorization (simulator)</title>
            <style>body{font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}button{font-size:1.1rem;min-height:44px;padding:.5rem 1.5rem;background:#0b57d0;color:#fff;border:0;border-radius:4px}</style></head>
            <body>
            <main>
            <h1>{{Encode(platform)}} seller authorization</h1>
            <p>App <strong data-testid="consent-app">{{Encode(appKey)}}</strong> asks to manage the orders of {{shop}}.</p>
            <form method="get" action="{{Encode(request.Path.Value ?? "/")}}">
            {{fields}}
            <button type="submit" name="{{ApproveParameter}}" value="{{ApproveValue}}">Confirm authorization</button>
            </form>
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
