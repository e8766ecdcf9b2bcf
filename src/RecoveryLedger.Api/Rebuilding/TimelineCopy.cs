using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;
using RecoveryLedger.Api.Journeys.Timeline;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>
/// The timeline's rows written by one binary COPY that stays open for the whole rebuild: the columns, and the item JSON
/// as the projection writes it (<see cref="TimelineItemWriter"/>). The rows are laid out in PostgreSQL's binary COPY
/// format (PostgreSQL's documentation, "COPY", "Binary Format") straight into a buffer sent in large chunks: Npgsql's
/// importer binds a parameter for every value, which made it the rebuild's costliest stage (docs/performance.md).
/// The row-for-row test compares every column with what the projection stores through Npgsql.
/// </summary>
public sealed class TimelineCopy : IAsyncDisposable
{
    private const int Columns = 7;
    private const int FlushAt = 256 * 1024;
    /// <summary>PostgreSQL's timestamps count microseconds from 2000-01-01 UTC.</summary>
    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    /// <summary>The signature <c>PGCOPY\n\377\r\n\0</c>, then no flags and no header extension.</summary>
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0];

    private readonly NpgsqlRawCopyStream _copy;
    private readonly ArrayBufferWriter<byte> _rows = new(FlushAt * 2);
    private readonly TimelineItemWriter _item = new();

    private TimelineCopy(NpgsqlRawCopyStream copy)
    {
        _copy = copy;
        _rows.Write(Header);
    }

    public long Rows { get; private set; }

    public static async Task<TimelineCopy> BeginAsync(NpgsqlConnection connection, CancellationToken cancellation) =>
        new(await connection.BeginRawBinaryCopyAsync($"copy {TimelineTable.Table} ({TimelineTable.Columns}) from stdin (format binary)",
            cancellation));

    public async ValueTask WriteAsync(string tenantId, TimelineRow row, CancellationToken cancellation)
    {
        Int16(Columns);
        Text(tenantId);
        Uuid(row.ClientId);
        Uuid(row.ItemId);
        Text(row.Kind);
        Timestamp(row.OccurredAt);
        Timestamp(row.RecordedAt);
        var item = _item.Write(row).Span;
        Int32(item.Length);
        _rows.Write(item);
        Rows++;
        if (_rows.WrittenCount >= FlushAt) await FlushAsync(cancellation);
    }

    public async Task CompleteAsync(CancellationToken cancellation)
    {
        Int16(-1);
        await FlushAsync(cancellation);
        await _copy.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await _copy.DisposeAsync();

    private async ValueTask FlushAsync(CancellationToken cancellation)
    {
        await _copy.WriteAsync(_rows.WrittenMemory, cancellation);
        _rows.ResetWrittenCount();
    }

    private void Int16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_rows.GetSpan(2), value);
        _rows.Advance(2);
    }

    private void Int32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_rows.GetSpan(4), value);
        _rows.Advance(4);
    }

    private void Text(string value)
    {
        var span = _rows.GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, length);
        _rows.Advance(4 + length);
    }

    /// <summary>A uuid is its 16 bytes in RFC 4122 order.</summary>
    private void Uuid(Guid value)
    {
        var span = _rows.GetSpan(20);
        BinaryPrimitives.WriteInt32BigEndian(span, 16);
        value.TryWriteBytes(span[4..], bigEndian: true, out _);
        _rows.Advance(20);
    }

    /// <summary>Microseconds, truncated from .NET's 100 ns ticks as Npgsql truncates them.</summary>
    private void Timestamp(DateTimeOffset value)
    {
        var span = _rows.GetSpan(12);
        BinaryPrimitives.WriteInt32BigEndian(span, 8);
        BinaryPrimitives.WriteInt64BigEndian(span[4..], (value.UtcTicks - PostgresEpochTicks) / 10);
        _rows.Advance(12);
    }
}
