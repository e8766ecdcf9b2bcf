using System.Buffers.Text;
using System.Text;

namespace RecoveryLedger.Api.Journeys.GettingTimeline;

/// <summary>
/// An opaque keyset position: the sort key of the last item served (occurredAt, recordedAt, id) and
/// the instant the first page was read. Later pages leave out what was recorded after that instant,
/// so paging through is one consistent snapshot: nothing that existed is skipped or repeated, and
/// entries arriving meanwhile do not shift the pages.
/// </summary>
public sealed record TimelineCursor(DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, Guid ItemId, DateTimeOffset AsOf)
{
    private const string Version = "t1";

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        $"{Version}|{OccurredAt.UtcTicks}|{RecordedAt.UtcTicks}|{ItemId:N}|{AsOf.UtcTicks}"));

    public static TimelineCursor? Decode(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|');
            return parts is [Version, var occurred, var recorded, var id, var asOf]
                   && long.TryParse(occurred, out var o) && long.TryParse(recorded, out var r)
                   && Guid.TryParseExact(id, "N", out var itemId) && long.TryParse(asOf, out var a)
                   && Valid(o) && Valid(r) && Valid(a)
                ? new TimelineCursor(At(o), At(r), itemId, At(a))
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Valid(long ticks) => ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks;
    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}
