namespace RecoveryLedger.Api.Hosting.OpenApi;

// Endpoints read their bodies and query strings by hand (for path-keyed errors and strict instants),
// so the framework cannot infer those shapes. These attributes say them for the OpenAPI document.

/// <summary>The JSON request body's documented shape.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class JsonBodyAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}

/// <summary>A documented query-string parameter.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class QueryParameterAttribute(string name, Type type, string description) : Attribute
{
    public string Name { get; } = name;
    public Type Type { get; } = type;
    public string Description { get; } = description;
}

/// <summary>A documented request header.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class HeaderParameterAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;
}
