using RecoveryLedger.Api.Validation;

namespace RecoveryLedger.Api.Journeys.Exporting;

/// <summary>The query string of <c>GET …/export</c>: which format.</summary>
public sealed record ExportQuery(string Format)
{
    public const string Json = "json";
    public const string Fhir = "fhir";

    public static readonly WordField FormatField = new("format", false, new HashSet<string> { Json, Fhir },
        "json (default): recoveryledger-export/1, application/json; fhir: a FHIR R4 Bundle (collection), application/fhir+json");

    public static (ExportQuery? Query, ValidationErrors Errors) Parse(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        var format = query.TryGetValue(FormatField.Name, out var text) ? text.ToString() : Json;
        if (!FormatField.Words.Contains(format)) errors.Add(FormatField.Name, $"One of: {string.Join(", ", FormatField.Words)}.");
        return errors.Any ? (null, errors) : (new ExportQuery(format), errors);
    }
}
