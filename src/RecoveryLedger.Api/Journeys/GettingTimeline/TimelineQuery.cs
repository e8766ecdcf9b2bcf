using System.Globalization;
using RecoveryLedger.Api.Validation;

namespace RecoveryLedger.Api.Journeys.GettingTimeline;

/// <summary>The query string of <c>GET …/timeline</c>, validated: each bad parameter is named.</summary>
public sealed record TimelineQuery(
    DateTimeOffset? From, DateTimeOffset? To, IReadOnlySet<string>? Kinds, DateTimeOffset? AsOf, int Limit, TimelineCursor? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static (TimelineQuery? Query, ValidationErrors Errors) Parse(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        var from = Instant(query, "from", errors);
        var to = Instant(query, "to", errors);
        var asOf = Instant(query, "asOf", errors);
        var kinds = ParseKinds(query, errors);

        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            errors.Add("limit", $"Must be an integer from 1 to {MaxLimit}.");

        TimelineCursor? cursor = null;
        if (query.TryGetValue("cursor", out var cursorText) && (cursor = TimelineCursor.Decode(cursorText.ToString())) is null)
            errors.Add("cursor", "Not a cursor this API gave out.");

        return errors.Any ? (null, errors) : (new TimelineQuery(from, to, kinds, asOf, limit, cursor), errors);
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (!query.TryGetValue(name, out var text) || string.IsNullOrEmpty(text)) return null;
        if (Instants.TryParse(text.ToString(), out var instant)) return instant;
        errors.Add(name, Instants.Expected);
        return null;
    }

    private static IReadOnlySet<string>? ParseKinds(IQueryCollection query, ValidationErrors errors)
    {
        if (!query.TryGetValue("kinds", out var text) || string.IsNullOrEmpty(text)) return null;
        var kinds = text.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        if (kinds.Count == 0 || !kinds.All(Vocabulary.Kinds.Timeline.Contains))
            errors.Add("kinds", $"A comma-separated list of: {string.Join(", ", Vocabulary.Kinds.Timeline)}.");
        return kinds;
    }
}
