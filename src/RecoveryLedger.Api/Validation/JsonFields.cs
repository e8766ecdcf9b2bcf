using System.Text.Json;

namespace RecoveryLedger.Api.Validation;

/// <summary>
/// Reads the fields of one JSON object and records, under the field's JSON path, why a value is
/// unusable. Bodies are read by hand rather than bound so that every error names its path, an
/// instant without offset is refused, <c>8.5</c> is not an integer, and <c>null</c> means absent.
/// Messages never repeat the submitted value: it may be personal.
/// </summary>
public sealed class JsonFields(JsonElement obj, string path, ValidationErrors errors)
{
    /// <summary>JSON allows U+0000 in a string; PostgreSQL's jsonb cannot store it, so it is refused here.</summary>
    private const string NoNul = "Must not contain the NUL character (U+0000).";

    public ValidationErrors Errors => errors;

    public string PathOf(string name) => path.Length == 0 ? name : $"{path}.{name}";

    private bool TryGet(string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            return true;
        value = default;
        return false;
    }

    private T? Missing<T>(string name, bool required)
    {
        if (required) errors.Add(PathOf(name), "Required.");
        return default;
    }

    private T? Invalid<T>(string name, string message)
    {
        errors.Add(PathOf(name), message);
        return default;
    }

    private Guid? Guid(string name, bool required)
    {
        if (!TryGet(name, out var v)) return Missing<Guid?>(name, required);
        return v.ValueKind == JsonValueKind.String && System.Guid.TryParse(v.GetString(), out var id)
            ? id : Invalid<Guid?>(name, "Must be a UUID.");
    }

    private int? Int(string name, bool required, int min, int max)
    {
        if (!TryGet(name, out var v)) return Missing<int?>(name, required);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n))
            return Invalid<int?>(name, "Must be a JSON integer.");
        return n >= min && n <= max ? n : Invalid<int?>(name, $"Must be between {min} and {max}.");
    }

    private decimal? Number(string name, bool required, decimal min, decimal max)
    {
        if (!TryGet(name, out var v)) return Missing<decimal?>(name, required);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var n))
            return Invalid<decimal?>(name, "Must be a number.");
        return n >= min && n <= max ? n : Invalid<decimal?>(name, $"Must be between {min} and {max}.");
    }

    private bool? Bool(string name, bool required)
    {
        if (!TryGet(name, out var v)) return Missing<bool?>(name, required);
        return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : Invalid<bool?>(name, "Must be true or false.");
    }

    private string? Text(string name, bool required, int minLength, int maxLength)
    {
        if (!TryGet(name, out var v)) return Missing<string>(name, required);
        if (v.ValueKind != JsonValueKind.String) return Invalid<string>(name, "Must be a string.");
        var text = v.GetString()!;
        if (text.Contains('\0')) return Invalid<string>(name, NoNul);
        return text.Length >= minLength && text.Length <= maxLength
            ? text : Invalid<string>(name, $"Must be {minLength} to {maxLength} characters long.");
    }

    private string? Word(string name, bool required, IReadOnlySet<string> vocabulary)
    {
        if (!TryGet(name, out var v)) return Missing<string>(name, required);
        return v.ValueKind == JsonValueKind.String && vocabulary.Contains(v.GetString()!)
            ? v.GetString() : Invalid<string>(name, $"Must be one of: {string.Join(", ", vocabulary)}.");
    }

    private IReadOnlyList<string>? Words(string name, bool required, IReadOnlySet<string> vocabulary)
    {
        if (!TryGet(name, out var v)) return Missing<IReadOnlyList<string>>(name, required);
        if (v.ValueKind != JsonValueKind.Array) return Invalid<IReadOnlyList<string>>(name, "Must be an array.");
        var words = new List<string>();
        var index = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && vocabulary.Contains(item.GetString()!)) words.Add(item.GetString()!);
            else errors.Add($"{PathOf(name)}[{index}]", $"Must be one of: {string.Join(", ", vocabulary)}.");
            index++;
        }
        return words.Distinct().ToList();
    }

    /// <summary>An array of free texts (plan circles): at most <paramref name="maxItems"/>, each 1..maxLength.</summary>
    private IReadOnlyList<string>? Texts(string name, bool required, int maxItems, int maxLength)
    {
        if (!TryGet(name, out var v)) return Missing<IReadOnlyList<string>>(name, required);
        if (v.ValueKind != JsonValueKind.Array) return Invalid<IReadOnlyList<string>>(name, "Must be an array.");
        if (v.GetArrayLength() > maxItems) return Invalid<IReadOnlyList<string>>(name, $"At most {maxItems} items.");
        var texts = new List<string>();
        var index = 0;
        foreach (var item in v.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (text is not null && text.Contains('\0')) errors.Add($"{PathOf(name)}[{index}]", NoNul);
            else if (text is { Length: > 0 } && text.Length <= maxLength) texts.Add(text);
            else errors.Add($"{PathOf(name)}[{index}]", $"Must be a string of 1 to {maxLength} characters.");
            index++;
        }
        return texts;
    }

    /// <summary>An array of integers; the count is checked against the field's widest bounds, each item is a JSON integer.</summary>
    private IReadOnlyList<int>? Ints(string name, bool required, int minItems, int maxItems)
    {
        if (!Array(name, required, minItems, maxItems, out var v)) return null;
        var numbers = new List<int>();
        var index = 0;
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out var n)) numbers.Add(n);
            else errors.Add($"{PathOf(name)}[{index}]", "Must be a JSON integer.");
            index++;
        }
        return numbers.Count == v.GetArrayLength() ? numbers : null;
    }

    /// <summary>An array of objects, each read by the caller under its own path (<c>name[i]</c>).</summary>
    private IReadOnlyList<JsonFields>? Objects(string name, bool required, int minItems, int maxItems)
    {
        if (!Array(name, required, minItems, maxItems, out var v)) return null;
        var objects = new List<JsonFields>();
        var index = 0;
        foreach (var item in v.EnumerateArray())
        {
            var itemPath = $"{PathOf(name)}[{index++}]";
            if (item.ValueKind == JsonValueKind.Object) objects.Add(new JsonFields(item, itemPath, errors));
            else errors.Add(itemPath, "Must be an object.");
        }
        return objects;
    }

    private bool Array(string name, bool required, int minItems, int maxItems, out JsonElement value)
    {
        if (!TryGet(name, out value))
        {
            Missing<object>(name, required);
            return false;
        }
        var problem = value.ValueKind != JsonValueKind.Array ? "Must be an array."
            : value.GetArrayLength() is var count && (count < minItems || count > maxItems) ? $"Must hold {minItems} to {maxItems} items."
            : null;
        if (problem is not null) errors.Add(PathOf(name), problem);
        return problem is null;
    }

    private DateTimeOffset? Instant(string name, bool required)
    {
        if (!TryGet(name, out var v)) return Missing<DateTimeOffset?>(name, required);
        return v.ValueKind == JsonValueKind.String && Instants.TryParse(v.GetString(), out var instant)
            ? instant : Invalid<DateTimeOffset?>(name, Instants.Expected);
    }

    private DateOnly? Date(string name, bool required)
    {
        if (!TryGet(name, out var v)) return Missing<DateOnly?>(name, required);
        return v.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date : Invalid<DateOnly?>(name, "Must be a date, YYYY-MM-DD.");
    }

    /// <summary>A nested object; absent or null gives null without an error unless required.</summary>
    private JsonFields? Object(string name, bool required)
    {
        if (!TryGet(name, out var v)) return Missing<JsonFields>(name, required);
        return v.ValueKind == JsonValueKind.Object ? new JsonFields(v, PathOf(name), errors) : Invalid<JsonFields>(name, "Must be an object.");
    }

    // Parsers read by a field's one definition (Fields.cs), never by name and limits of their own.
    public Guid? Guid(GuidField f) => Guid(f.Name, f.Required);
    public bool? Bool(BoolField f) => Bool(f.Name, f.Required);
    public DateTimeOffset? Instant(InstantField f) => Instant(f.Name, f.Required);
    public DateOnly? Date(DateField f) => Date(f.Name, f.Required);
    public int? Int(IntField f) => Int(f.Name, f.Required, f.Min, f.Max);
    public decimal? Number(NumberField f) => Number(f.Name, f.Required, f.Min, f.Max);
    public string? Text(TextField f) => Text(f.Name, f.Required, f.MinLength, f.MaxLength);
    public string? Word(WordField f) => Word(f.Name, f.Required, f.Words);
    public IReadOnlyList<string>? Words(WordsField f) => Words(f.Name, f.Required, f.Words);
    public IReadOnlyList<string>? Texts(TextsField f) => Texts(f.Name, f.Required, f.MaxItems, f.MaxLength);
    public JsonFields? Object(ObjectField f) => Object(f.Name, f.Required);
    public IReadOnlyList<int>? Ints(IntsField f) => Ints(f.Name, f.Required, f.MinItems, f.MaxItems);
    public IReadOnlyList<JsonFields>? Objects(ObjectsField f) => Objects(f.Name, f.Required, f.MinItems, f.MaxItems);
}
