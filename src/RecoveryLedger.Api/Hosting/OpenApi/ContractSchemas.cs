using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using RecoveryLedger.Api.Validation;

namespace RecoveryLedger.Api.Hosting.OpenApi;

/// <summary>
/// The OpenAPI schema of a request body, made from the same field definitions its parser enforces
/// (<see cref="Field"/>): required fields, ranges, lengths and word lists cannot drift from the code.
/// </summary>
internal static class ContractSchemas
{
    public static OpenApiSchema Of(BodyShape shape)
    {
        var schema = Object(shape.Fields, shape.Description);
        schema.Examples = [shape.Example(DateTimeOffset.UtcNow)];
        return schema;
    }

    private static OpenApiSchema Object(IEnumerable<Field> fields, string description, (string Name, string Value)? discriminator = null)
    {
        var list = fields.ToList();
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = Described(description),
            Properties = list.ToDictionary(f => f.Name, f => (IOpenApiSchema)(f.Name == discriminator?.Name
                ? new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(discriminator.Value.Value)] }
                : Of(f))),
            Required = list.Where(f => f.Required).Select(f => f.Name).ToHashSet(),
        };
    }

    /// <summary>A query parameter's schema; a list of words is sent comma-separated.</summary>
    public static OpenApiParameter Parameter(Field field) => new()
    {
        Name = field.Name, In = ParameterLocation.Query, Required = field.Required, Description = Described(field.Description),
        Schema = Of(field), Style = ParameterStyle.Form, Explode = field is not (WordsField or GuidsField),
    };

    private static OpenApiSchema Of(Field field)
    {
        var schema = field switch
        {
            GuidField => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
            BoolField => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            InstantField => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            DateField => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
            IntField i => new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = Text(i.Min), Maximum = Text(i.Max) },
            NumberField n => new OpenApiSchema { Type = JsonSchemaType.Number, Minimum = Text(n.Min), Maximum = Text(n.Max) },
            TextField t => new OpenApiSchema { Type = JsonSchemaType.String, MinLength = t.MinLength, MaxLength = t.MaxLength },
            WordField w => OneOf(w.Words),
            WordsField w => new OpenApiSchema { Type = JsonSchemaType.Array, Items = OneOf(w.Words) },
            GuidsField g => new OpenApiSchema
            {
                Type = JsonSchemaType.Array, MinItems = g.MinItems, MaxItems = g.MaxItems,
                Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
            },
            TextsField t => new OpenApiSchema
            {
                Type = JsonSchemaType.Array, MaxItems = t.MaxItems,
                Items = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = t.MaxLength },
            },
            ObjectField o => Object(o.Members, ""),
            IntsField i => new OpenApiSchema
            {
                Type = JsonSchemaType.Array, MinItems = i.MinItems, MaxItems = i.MaxItems,
                Items = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = Text(i.Min), Maximum = Text(i.Max) },
            },
            ObjectsField o => new OpenApiSchema
            {
                Type = JsonSchemaType.Array, MinItems = o.MinItems, MaxItems = o.MaxItems, Items = Object(o.Members, ""),
            },
            VariantsField v => new OpenApiSchema
            {
                Type = JsonSchemaType.Array, MinItems = v.MinItems, MaxItems = v.MaxItems,
                Items = new OpenApiSchema
                {
                    OneOf = v.Variants.Select(variant => (IOpenApiSchema)Object([.. v.Shared, .. variant.Fields],
                        $"{v.Discriminator}: {variant.Value}", (v.Discriminator, variant.Value))).ToList(),
                    Discriminator = new OpenApiDiscriminator { PropertyName = v.Discriminator },
                },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.GetType().Name, "No schema for this kind of field."),
        };
        schema.Description = Described(field.Description);
        return schema;
    }

    private static OpenApiSchema OneOf(IReadOnlySet<string> words) => new()
    {
        Type = JsonSchemaType.String,
        Enum = words.Order(StringComparer.Ordinal).Select(word => (JsonNode)JsonValue.Create(word)).ToList(),
    };

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Described(string text) => text.Length == 0 ? null : text;
}
