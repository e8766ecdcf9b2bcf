using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace RecoveryLedger.Tests;

/// <summary>The service's own OpenAPI document, read over HTTP: what it promises per operation.</summary>
public sealed class TheDocument(JsonObject document)
{
    public static async Task<TheDocument> Of(ApiDriver api) =>
        new((await api.Http.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!);

    public JsonObject Operation(string endpoint)
    {
        var (method, route) = (endpoint.Split(' ')[0].ToLowerInvariant(), endpoint.Split(' ')[1]);
        return document["paths"]?[route]?[method]?.AsObject() ?? throw new ShouldAssertException($"{endpoint} is not in the document");
    }

    public IReadOnlyList<string> Statuses(string endpoint) => Operation(endpoint)["responses"]!.AsObject().Select(r => r.Key).ToList();

    /// <summary>Fails unless the document lists <paramref name="status"/> for the endpoint (METHOD /route/{template}).</summary>
    public void ShouldDocument(string endpoint, HttpStatusCode status) =>
        Statuses(endpoint).ShouldContain(((int)status).ToString(), $"{endpoint} answered {(int)status}, which its documentation does not list");

    public IEnumerable<(string Endpoint, JsonObject Example)> BodyExamples() =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        let example = operation.Value?["requestBody"]?["content"]?["application/json"]?["schema"]?["examples"]?[0]
        where example is not null
        select ($"{operation.Key.ToUpperInvariant()} {path.Key}", example.AsObject());
}
