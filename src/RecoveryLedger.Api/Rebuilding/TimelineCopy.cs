using System.Buffers;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using RecoveryLedger.Api.Journeys.Timeline;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>
/// The timeline's rows written by one binary COPY that stays open for the whole rebuild: the document written once,
/// straight from the row (<see cref="TimelineRow.WriteDocument"/>), and the columns Marten's mapping duplicates
/// beside it. The per-write columns (last modified, a document's random version) take the table's defaults.
/// </summary>
public sealed class TimelineCopy : IAsyncDisposable
{
    private static readonly string DotNetType = typeof(TimelineItem).FullName!;
    private readonly NpgsqlBinaryImporter _copy;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;

    private TimelineCopy(NpgsqlBinaryImporter copy)
    {
        _copy = copy;
        _json = new Utf8JsonWriter(_buffer);
    }

    public long Rows { get; private set; }

    public static async Task<TimelineCopy> BeginAsync(NpgsqlConnection connection, string table, CancellationToken cancellation) =>
        new(await connection.BeginBinaryImportAsync(
            $"copy {table} (tenant_id, id, data, mt_dotnet_type, client_id, item_id, kind, recorded_at, occurred_at) from stdin (format binary)",
            cancellation));

    public void Write(string tenantId, TimelineRow row)
    {
        _buffer.ResetWrittenCount();
        _json.Reset();
        row.WriteDocument(_json);
        _json.Flush();
        _copy.StartRow();
        _copy.Write(tenantId, NpgsqlDbType.Varchar);
        _copy.Write(row.Id, NpgsqlDbType.Uuid);
        _copy.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan), NpgsqlDbType.Jsonb);
        _copy.Write(DotNetType, NpgsqlDbType.Varchar);
        _copy.Write(row.ClientId, NpgsqlDbType.Uuid);
        _copy.Write(row.ItemId, NpgsqlDbType.Uuid);
        _copy.Write(row.Kind, NpgsqlDbType.Varchar);
        _copy.Write(row.RecordedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        _copy.Write(row.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz);
        Rows++;
    }

    public async Task CompleteAsync(CancellationToken cancellation) => await _copy.CompleteAsync(cancellation);

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync();
        await _copy.DisposeAsync();
    }
}
