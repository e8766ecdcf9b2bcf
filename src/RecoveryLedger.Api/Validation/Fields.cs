using System.Text.Json.Nodes;

namespace RecoveryLedger.Api.Validation;

/// <summary>
/// One field of a request body, defined once: the strict parser (<see cref="JsonFields"/>) enforces it and
/// the OpenAPI document (<c>Hosting/OpenApi/ContractSchemas</c>) shows it, so the two cannot drift.
/// </summary>
public abstract record Field(string Name, bool Required, string Description);

public sealed record GuidField(string Name, bool Required, string Description = "") : Field(Name, Required, Description);

public sealed record BoolField(string Name, bool Required, string Description = "") : Field(Name, Required, Description);

public sealed record InstantField(string Name, bool Required, string Description = "") : Field(Name, Required, Description);

/// <summary>A local calendar date, <c>YYYY-MM-DD</c> (no time, no zone).</summary>
public sealed record DateField(string Name, bool Required, string Description = "") : Field(Name, Required, Description);

public sealed record IntField(string Name, bool Required, int Min, int Max, string Description = "")
    : Field(Name, Required, Description);

public sealed record NumberField(string Name, bool Required, decimal Min, decimal Max, string Description = "")
    : Field(Name, Required, Description);

public sealed record TextField(string Name, bool Required, int MinLength, int MaxLength, string Description = "")
    : Field(Name, Required, Description);

/// <summary>One word of a vocabulary.</summary>
public sealed record WordField(string Name, bool Required, IReadOnlySet<string> Words, string Description = "")
    : Field(Name, Required, Description);

/// <summary>An array of words of a vocabulary (duplicates collapse).</summary>
public sealed record WordsField(string Name, bool Required, IReadOnlySet<string> Words, string Description = "")
    : Field(Name, Required, Description);

/// <summary>An array of at most <see cref="MaxItems"/> free texts of 1 to <see cref="MaxLength"/> characters.</summary>
public sealed record TextsField(string Name, bool Required, int MaxItems, int MaxLength, string Description = "")
    : Field(Name, Required, Description);

/// <summary>An array of <see cref="MinItems"/> to <see cref="MaxItems"/> UUIDs (in a query string: comma-separated).</summary>
public sealed record GuidsField(string Name, bool Required, int MinItems, int MaxItems, string Description = "")
    : Field(Name, Required, Description);

/// <summary>
/// An array of <see cref="MinItems"/> to <see cref="MaxItems"/> integers (a questionnaire's answers). The bounds are the
/// widest the field takes; a body whose count or range depends on another field checks that itself, per index.
/// </summary>
public sealed record IntsField(string Name, bool Required, int MinItems, int MaxItems, int Min, int Max, string Description = "")
    : Field(Name, Required, Description);

/// <summary>An array of <see cref="MinItems"/> to <see cref="MaxItems"/> objects of one shape.</summary>
public sealed record ObjectsField(string Name, bool Required, int MinItems, int MaxItems, IReadOnlyList<Field> Members, string Description = "")
    : Field(Name, Required, Description);

/// <summary>A nested object of optional members.</summary>
public sealed record ObjectField(string Name, bool Required, IReadOnlyList<Field> Members, string Description = "")
    : Field(Name, Required, Description);

/// <summary>
/// An array of objects of several shapes told apart by a discriminator field (the entries of a sync batch:
/// <c>kind</c>); each variant lists its own fields besides the shared ones.
/// </summary>
public sealed record VariantsField(string Name, bool Required, int MinItems, int MaxItems, IReadOnlyList<Field> Shared,
    string Discriminator, IReadOnlyList<BodyVariant> Variants, string Description = "") : Field(Name, Required, Description);

public sealed record BodyVariant(string Value, IReadOnlyList<Field> Fields);

/// <summary>A request body: its fields, what it means, and an example the API accepts (a test sends it).</summary>
public sealed record BodyShape(string Description, IReadOnlyList<Field> Fields, Func<DateTimeOffset, JsonObject> Example);
