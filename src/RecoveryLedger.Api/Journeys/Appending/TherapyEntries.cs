using RecoveryLedger.Api.Validation;
using RecoveryLedger.Domain.Measures;
using static RecoveryLedger.Api.Journeys.Appending.EntryParser;

namespace RecoveryLedger.Api.Journeys.Appending;

/// <summary>The parsers of the therapy's own entry kinds (v2): validated measures and CBT thought records.</summary>
internal static class TherapyEntries
{
    /// <summary>
    /// A measure: the answers' count and range are the named instrument's, so a wrong count is keyed <c>items</c>
    /// and an answer out of range <c>items[i]</c> (the contract's paths).
    /// </summary>
    public static MeasureRecorded? Measure(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var instrument = f.Word(Contract.Instrument) is { } name ? Instrument.Named(name) : null;
        var items = f.Ints(Contract.Items);
        if (instrument is null || items is null) return null;
        var itemsPath = f.PathOf(Contract.Items.Name);
        if (items.Count != instrument.ItemCount)
        {
            f.Errors.Add(itemsPath, $"{instrument.Name} takes exactly {instrument.ItemCount} answers.");
            return null;
        }
        var outOfRange = items.Select((answer, index) => (answer, index)).Where(item => !instrument.Accepts(item.answer)).ToList();
        foreach (var (_, index) in outOfRange)
            f.Errors.Add($"{itemsPath}[{index}]", $"A {instrument.Name} answer is between {instrument.MinAnswer} and {instrument.MaxAnswer}.");
        return outOfRange.Count > 0 ? null
            : new MeasureRecorded(id ?? default, at ?? default, instrument.Name, items, note, now, by);
    }

    public static ThoughtRecordWritten? ThoughtRecord(JsonFields f, Guid? id, DateTimeOffset? at, string? note, DateTimeOffset now, Recorder by)
    {
        var situation = f.Text(Contract.Situation);
        var thought = f.Text(Contract.AutomaticThought);
        var emotions = Emotions(f);
        var distortions = f.Words(Contract.ThinkingDistortions) ?? [];
        var evidenceFor = f.Text(Contract.EvidenceFor);
        var evidenceAgainst = f.Text(Contract.EvidenceAgainst);
        var balanced = f.Text(Contract.BalancedThought);
        return situation is null || thought is null || emotions is null ? null
            : new ThoughtRecordWritten(id ?? default, at ?? default, situation, thought, emotions, distortions,
                evidenceFor, evidenceAgainst, balanced, note, now, by);
    }

    /// <summary>The emotions, each named once (a second rating of one emotion is keyed at its <c>name</c>).</summary>
    private static IReadOnlyList<EmotionRating>? Emotions(JsonFields f)
    {
        if (f.Objects(Contract.EmotionRatings) is not { } objects) return null;
        var ratings = new List<EmotionRating>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var emotion in objects)
        {
            var name = emotion.Word(Contract.EmotionName);
            var before = emotion.Int(Contract.EmotionBefore);
            var after = emotion.Int(Contract.EmotionAfter);
            if (name is not null && !named.Add(name)) emotion.Errors.Add(emotion.PathOf(Contract.EmotionName.Name), "Each emotion is rated once.");
            else if (name is not null && before is not null) ratings.Add(new EmotionRating(name, before.Value, after));
        }
        return ratings.Count == objects.Count ? ratings : null;
    }
}
