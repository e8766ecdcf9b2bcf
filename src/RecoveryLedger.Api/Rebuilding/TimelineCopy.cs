using Npgsql;
using NpgsqlTypes;
using RecoveryLedger.Api.Journeys.Timeline;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>
/// The timeline's rows written by one binary COPY that stays open for the whole rebuild: the columns, and the item JSON
/// as the projection writes it (<see cref="TimelineItemWriter"/>), handed to PostgreSQL as the UTF-8 bytes it was
/// written in.
/// </summary>
public sealed class TimelineCopy : IAsyncDisposable
{
    private readonly NpgsqlBinaryImporter _copy;
    private readonly TimelineItemWriter _item = new();

    private TimelineCopy(NpgsqlBinaryImporter copy) => _copy = copy;

    public long Rows { get; private set; }

    public static async Task<TimelineCopy> BeginAsync(NpgsqlConnection connection, CancellationToken cancellation) =>
        new(await connection.BeginBinaryImportAsync($"copy {TimelineTable.Table} ({TimelineTable.Columns}) from stdin (format binary)",
            cancellation));

    public void Write(string tenantId, TimelineRow row)
    {
        _copy.StartRow();
        _copy.Write(tenantId, NpgsqlDbType.Varchar);
        _copy.Write(row.ClientId, NpgsqlDbType.Uuid);
        _copy.Write(row.ItemId, NpgsqlDbType.Uuid);
        _copy.Write(row.Kind, NpgsqlDbType.Varchar);
        _copy.Write(row.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        _copy.Write(row.RecordedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        _copy.Write(_item.Write(row), NpgsqlDbType.Json);
        Rows++;
    }

    public async Task CompleteAsync(CancellationToken cancellation) => await _copy.CompleteAsync(cancellation);

    public async ValueTask DisposeAsync() => await _copy.DisposeAsync();
}
