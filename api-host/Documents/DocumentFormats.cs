using Microsoft.Net.Http.Headers;
using OrderActors.ApiHost.Infrastructure;

namespace OrderActors.ApiHost.Documents;

/// <summary>Picks HTML or PDF for a document request (see <see cref="DocumentFormat"/>) and writes the answer.</summary>
public static class DocumentFormats
{
    public const string PdfContentType = "application/pdf";

    /// <summary>The requested format, or a 400 naming <c>format</c> for an unknown value.</summary>
    public static (DocumentFormat Format, IResult? Problem) Resolve(HttpRequest request)
    {
        if (request.Query.TryGetValue("format", out var values))
        {
            return values.ToString().ToLowerInvariant() switch
            {
                "pdf" => (DocumentFormat.Pdf, null),
                "html" => (DocumentFormat.Html, null),
                _ => (DocumentFormat.Html, new Validation().Add("format", "format is 'pdf' or 'html'.").ToProblem()),
            };
        }
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string type) => accept.Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var pdf = Quality(PdfContentType);
        return (pdf > 0 && pdf >= Quality("text/html") ? DocumentFormat.Pdf : DocumentFormat.Html, null);
    }

    /// <summary>A PDF shown in the browser (inline) with a file name for saving.</summary>
    public static IResult Pdf(HttpResponse response, byte[] pdf, string fileName)
    {
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.Bytes(pdf, PdfContentType);
    }

    /// <summary>HTML or PDF of one document, as the request asks.</summary>
    public static IResult Render(HttpContext context, Func<string> html, Func<byte[]> pdf, string fileName)
    {
        var (format, problem) = Resolve(context.Request);
        if (problem is not null)
        {
            return problem;
        }
        return format == DocumentFormat.Pdf
            ? Pdf(context.Response, pdf(), fileName)
            : TypedResults.Content(html(), "text/html; charset=utf-8");
    }
}
