using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace OrderActors.ApiHost.Security;

/// <summary>
/// Caps request bodies (413 problem) at <see cref="SecurityOptions.MaxRequestBodyBytes"/> unless the endpoint sets its
/// own limit. Kestrel enforces the cap while reading; where the server offers no such feature (the test server),
/// the body stream is wrapped so chunked uploads are capped too.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<SecurityOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpointLimit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = endpointLimit is null ? options.Value.MaxRequestBodyBytes : endpointLimit.MaxRequestBodySize;
        if (limit is not { } max)
        {
            return next(context);
        }
        if (context.Request.ContentLength > max)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
                detail: $"At most {max} bytes are accepted.").ExecuteAsync(context);
        }
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = max;
        }
        else if (context.Request.ContentLength is null)
        {
            context.Request.Body = new LengthLimitedStream(context.Request.Body, max);
        }
        return next(context);
    }
}
