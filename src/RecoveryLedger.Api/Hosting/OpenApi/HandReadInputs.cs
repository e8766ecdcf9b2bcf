using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RecoveryLedger.Api.Hosting.OpenApi;

/// <summary>Adds what the documentation attributes declare to each operation of the OpenAPI document.</summary>
internal sealed class HandReadInputs : IOpenApiOperationTransformer
{
    /// <summary>
    /// Wolverine describes an IResult endpoint as "200 IResult, 404"; the real answers are declared with
    /// ProducesResponseType, and the ones the pipeline gives are derived from the endpoint's metadata:
    /// 413 where there is a body (the body limit), 429 where a rate limit applies. Every error is
    /// problem+json: 400 validation, 401, 403, 404 out of reach, 503 while the database is away. A body of a
    /// standard's format (<see cref="ResponseMediaAttribute"/>) is added beside the declared one.
    /// </summary>
    private static void DescribeResponses(OpenApiOperation operation, IList<object> metadata)
    {
        if (operation.Responses is null) return;
        var declared = metadata.OfType<Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute>().Select(p => p.StatusCode.ToString()).ToHashSet();
        if (!declared.Contains("200")) operation.Responses.Remove("200");
        var errors = new List<(string, string)> { ("400", "Invalid input: problem+json with errors keyed by JSON path"),
            ("401", "No valid bearer token"), ("403", "This role may not call this endpoint"),
            ("404", "No such client, or out of the caller's reach"),
            ("503", "The database is unavailable; Retry-After says when to retry") };
        if (metadata.OfType<JsonBodyAttribute>().Any()) errors.Add(("413", "The body is larger than Limits:MaxRequestBodyBytes"));
        if (metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
            errors.Add(("429", "Too many requests for this caller; Retry-After says when to retry"));
        foreach (var media in metadata.OfType<ResponseMediaAttribute>())
            if (operation.Responses.TryGetValue(media.Status.ToString(), out var response) && response.Content is { } content)
                content[media.MediaType] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object, Description = media.Description, Required = new HashSet<string> { "resourceType" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["resourceType"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(media.ResourceType)] },
                        },
                    },
                };
        foreach (var (status, text) in errors)
        {
            if (declared.Contains(status)) continue;
            operation.Responses[status] = new OpenApiResponse
            {
                Description = text,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
            };
        }
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        DescribeResponses(operation, metadata);
        foreach (var query in metadata.OfType<QueryParameterAttribute>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name, In = ParameterLocation.Query, Description = query.Description, Required = false,
                Schema = await context.GetOrCreateSchemaAsync(query.Type, null, cancellation),
            });
        }
        foreach (var query in metadata.OfType<QueryFieldAttribute>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(ContractSchemas.Parameter(query.Field));
        }
        foreach (var header in metadata.OfType<HeaderParameterAttribute>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name, In = ParameterLocation.Header, Description = header.Description, Required = false,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        if (metadata.OfType<JsonBodyAttribute>().FirstOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = ContractSchemas.Of(body.Shape) },
                },
            };
        }
    }
}
