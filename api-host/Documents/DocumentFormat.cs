namespace OrderActors.ApiHost.Documents;

/// <summary>
/// Which rendering of a printable document a caller wants: <c>?format=pdf|html</c> wins; otherwise an Accept header
/// that ranks application/pdf at least as high as text/html gets the PDF; everything else gets HTML.
/// </summary>
public enum DocumentFormat
{
    Html,
    Pdf,
}
