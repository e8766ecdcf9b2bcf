using RecoveryLedger.Api.Validation;
using RecoveryLedger.Domain.Measures;

namespace RecoveryLedger.Api.Journeys.GettingMeasures;

/// <summary>The query string of <c>GET …/measures</c>, validated: each bad parameter is named.</summary>
public sealed record MeasuresQuery(Instrument Instrument, DateTimeOffset? AsOf)
{
    public static readonly WordField InstrumentField = new("instrument", true, Vocabulary.Instruments, "The instrument whose trend to show");
    public static readonly InstantField AsOfField = new("asOf", false, "Leave out measures recorded after this instant");

    public static (MeasuresQuery? Query, ValidationErrors Errors) Parse(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        var name = query[InstrumentField.Name].ToString();
        var instrument = Instrument.Named(name);
        if (instrument is null)
            errors.Add(InstrumentField.Name, name.Length == 0 ? "Required." : $"Must be one of: {string.Join(", ", InstrumentField.Words)}.");
        DateTimeOffset? asOf = null;
        var asOfText = query[AsOfField.Name].ToString();
        if (asOfText.Length > 0)
        {
            if (Instants.TryParse(asOfText, out var instant)) asOf = instant;
            else errors.Add(AsOfField.Name, Instants.Expected);
        }
        return errors.Any || instrument is null ? (null, errors) : (new MeasuresQuery(instrument, asOf), errors);
    }
}
