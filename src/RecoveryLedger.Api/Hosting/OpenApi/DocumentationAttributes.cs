namespace RecoveryLedger.Api.Hosting.OpenApi;

// Endpoints read their bodies and query strings by hand (for path-keyed errors and strict instants),
// so the framework cannot infer those shapes. These attributes say them for the OpenAPI document.

/// <summary>
/// The endpoint's request body: its command type (an <see cref="Validation.IStrictBody{TSelf}"/>), whose
/// <c>Shape</c> — the fields its parser enforces — becomes the documented schema.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class JsonBodyAttribute(Type command) : Attribute
{
    public Validation.BodyShape Shape { get; } =
        (Validation.BodyShape)command.GetProperty("Shape", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!
            .GetValue(null)!;
}

/// <summary>A documented query-string parameter.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class QueryParameterAttribute(string name, Type type, string description) : Attribute
{
    public string Name { get; } = name;
    public Type Type { get; } = type;
    public string Description { get; } = description;
}

/// <summary>
/// A query-string parameter defined as a <see cref="Validation.Field"/> (a static member of
/// <paramref name="owner"/>) that the endpoint's parser reads: its range or word list is documented from it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class QueryFieldAttribute(Type owner, string member) : Attribute
{
    public Validation.Field Field { get; } = (Validation.Field)(owner.GetField(member)?.GetValue(null)
        ?? owner.GetProperty(member)?.GetValue(null)
        ?? throw new ArgumentException($"{owner.Name}.{member} is not a static field definition"));
}

/// <summary>A documented request header.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class HeaderParameterAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;
}

/// <summary>
/// A response body that is no type of ours (a standard's document, e.g. a FHIR Bundle): documented by its media
/// type and a short schema of its top level, beside the <c>ProducesResponseType</c> of the same status.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ResponseMediaAttribute(int status, string mediaType, string resourceType, string description) : Attribute
{
    public int Status { get; } = status;
    public string MediaType { get; } = mediaType;
    /// <summary>The value of its top-level <c>resourceType</c>.</summary>
    public string ResourceType { get; } = resourceType;
    public string Description { get; } = description;
}
