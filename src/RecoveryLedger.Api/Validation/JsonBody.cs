using System.Text.Json;

namespace RecoveryLedger.Api.Validation;

/// <summary>Reads a request body as one JSON object; malformed or non-object JSON is a 400 naming the body.</summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static bool IsAbsent(HttpRequest request) =>
        request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContentType.Any());

    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadObject(HttpRequest request)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, Options, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return (document, null);
            document.Dispose();
            return (null, Hosting.Problems.Validation("$", "The body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, Hosting.Problems.Validation("$", "The body is not valid JSON."));
        }
    }
}
