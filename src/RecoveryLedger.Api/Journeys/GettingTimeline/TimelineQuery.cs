using System.Globalization;
using RecoveryLedger.Api.Validation;

namespace RecoveryLedger.Api.Journeys.GettingTimeline;

/// <summary>The query string of <c>GET …/timeline</c>, validated: each bad parameter is named.</summary>
public sealed record TimelineQuery(
    DateTimeOffset? From, DateTimeOffset? To, IReadOnlySet<string>? Kinds, DateTimeOffset? AsOf, int Limit, TimelineCursor? Cursor,
    IReadOnlyList<Guid>? Ids = null)
{
    public const int DefaultLimit = 50;

    // The parameters, defined once for this parser and the OpenAPI document.
    public static readonly InstantField FromField = new("from", false, "Inclusive lower bound on occurredAt");
    public static readonly InstantField ToField = new("to", false, "Exclusive upper bound on occurredAt");
    public static readonly WordsField KindsField = new("kinds", false, Vocabulary.Kinds.Timeline, "Only these kinds (comma-separated)");
    public static readonly InstantField AsOfField = new("asOf", false, "Leave out everything recorded after this instant");
    public static readonly IntField LimitField = new("limit", false, 1, 200, $"Page size, default {DefaultLimit}");
    public static readonly GuidsField IdsField = new("ids", false, 1, 50,
        "Only these items (entry ids, comma-separated), e.g. an alert's evidence; the other parameters are ignored, no paging");

    public static (TimelineQuery? Query, ValidationErrors Errors) Parse(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        var from = Instant(query, FromField.Name, errors);
        var to = Instant(query, ToField.Name, errors);
        var asOf = Instant(query, AsOfField.Name, errors);
        var kinds = ParseKinds(query, errors);

        var limit = DefaultLimit;
        if (query.TryGetValue(LimitField.Name, out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < LimitField.Min || limit > LimitField.Max))
            errors.Add(LimitField.Name, $"Must be an integer from {LimitField.Min} to {LimitField.Max}.");

        TimelineCursor? cursor = null;
        if (query.TryGetValue("cursor", out var cursorText) && (cursor = TimelineCursor.Decode(cursorText.ToString())) is null)
            errors.Add("cursor", "Not a cursor this API gave out.");

        var ids = ParseIds(query, errors);
        return errors.Any ? (null, errors) : (new TimelineQuery(from, to, kinds, asOf, limit, cursor, ids), errors);
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (!query.TryGetValue(name, out var text) || string.IsNullOrEmpty(text)) return null;
        if (Instants.TryParse(text.ToString(), out var instant)) return instant;
        errors.Add(name, Instants.Expected);
        return null;
    }

    private static IReadOnlyList<Guid>? ParseIds(IQueryCollection query, ValidationErrors errors)
    {
        if (!query.TryGetValue(IdsField.Name, out var text)) return null;
        var parts = text.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var ids = parts.Select(part => Guid.TryParse(part, out var id) ? id : (Guid?)null).ToList();
        if (parts.Length < IdsField.MinItems || parts.Length > IdsField.MaxItems || ids.Any(id => id is null))
        {
            errors.Add(IdsField.Name, $"A comma-separated list of {IdsField.MinItems} to {IdsField.MaxItems} UUIDs.");
            return null;
        }
        return ids.Select(id => id!.Value).Distinct().ToList();
    }

    private static IReadOnlySet<string>? ParseKinds(IQueryCollection query, ValidationErrors errors)
    {
        if (!query.TryGetValue(KindsField.Name, out var text) || string.IsNullOrEmpty(text)) return null;
        var kinds = text.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        if (kinds.Count == 0 || !kinds.All(KindsField.Words.Contains))
            errors.Add(KindsField.Name, $"A comma-separated list of: {string.Join(", ", KindsField.Words)}.");
        return kinds;
    }
}
