using System.Buffers.Binary;
using System.Data.Common;
using Marten;
using Npgsql;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Domain.Streaks;

namespace RecoveryLedger.Api.Journeys.Sobriety;

/// <summary>A client's streak frame and the lapses recorded and happened by the instant it was read as of.</summary>
public sealed record SobrietyRecord(SobrietyHistory History, HappenedLapses Lapses);

/// <summary>A client's streak frame and its latest restart (inner lapse at or after the start) by the instant read.</summary>
public sealed record StreakStart(SobrietyHistory History, DateTimeOffset? LatestRestartAt)
{
    public CurrentStreak Current(DateTimeOffset now) =>
        StreakCalculator.Current(History.TimeZone, History.SobrietyStartedAt, LatestRestartAt, now);
}

/// <summary>
/// The streak's two reads, each one statement: the frame document with, beside it, either the client's lapses
/// or only its latest restart (one backward index probe per client). Both leave out lapses recorded or happened
/// after the instant read as of, as <see cref="StreakCalculator"/> would. The lapses come as the inner ones' ticks
/// in index order packed into one <c>bytea</c> (8 big-endian bytes each) and a count of middle slips: the profile
/// of the streak read showed Npgsql decoding <c>bigint[]</c> element by element at ~35 % of the request's CPU.
/// </summary>
public static class SobrietyReads
{
    private const string Histories = PersistenceSetup.Schema + ".mt_doc_sobrietyhistory";

    private const string Filter = "m.tenant_id = h.tenant_id and m.client_id = h.id and m.occurred_ticks <= $3 and m.recorded_ticks <= $3";

    /// <summary>The whole-record read ($1 tenant, $2 client, $3 as-of UTC ticks); the read benchmark's raw baseline runs it too.</summary>
    public const string RecordSql =
        "select h.data, l.inner_ticks, l.middle_slips from " + Histories + " as h left join lateral (select " +
        "string_agg(int8send(m.occurred_ticks), ''::bytea order by m.occurred_ticks) filter (where m.is_inner) as inner_ticks, " +
        "count(*) filter (where not m.is_inner) as middle_slips from " + LapseMarks.Table + " as m where " + Filter +
        ") as l on true where h.tenant_id = $1 and h.id = $2";

    private const string StartsSql =
        "select h.data, (select max(m.occurred_ticks) from " + LapseMarks.Table + " as m where " + Filter +
        " and m.is_inner and m.occurred_ticks >= (h.data->>'SobrietyStartedTicks')::bigint) from " + Histories +
        " as h where h.tenant_id = $1 and h.id = any($2)";

    /// <summary>The whole record as of <paramref name="asOf"/>; null when the client has none (erased, or not rebuilt).</summary>
    public static Task<SobrietyRecord?> Record(IQuerySession session, Guid clientId, DateTimeOffset asOf, CancellationToken cancellation) =>
        Read(session, RecordSql, clientId, asOf, async reader =>
        {
            if (!await reader.ReadAsync(cancellation)) return null;
            var history = session.DocumentStore.Options.Serializer().FromJson<SobrietyHistory>(reader, 0);
            var packed = await reader.IsDBNullAsync(1, cancellation) ? [] : reader.GetFieldValue<byte[]>(1);
            var inner = new long[packed.Length / sizeof(long)];
            for (var i = 0; i < inner.Length; i++) inner[i] = BinaryPrimitives.ReadInt64BigEndian(packed.AsSpan(i * sizeof(long)));
            return new SobrietyRecord(history, HappenedLapses.FromOrdered(inner, (int)reader.GetInt64(2), asOf));
        }, cancellation);

    /// <summary>Where each client's current streak starts as of <paramref name="now"/>; clients without a record are left out.</summary>
    public static Task<IReadOnlyDictionary<Guid, StreakStart>> Starts(IQuerySession session, IReadOnlyCollection<Guid> clientIds,
        DateTimeOffset now, CancellationToken cancellation) =>
        clientIds.Count == 0
            ? Task.FromResult<IReadOnlyDictionary<Guid, StreakStart>>(new Dictionary<Guid, StreakStart>())
            : Read<IReadOnlyDictionary<Guid, StreakStart>>(session, StartsSql, clientIds.ToArray(), now, async reader =>
            {
                var starts = new Dictionary<Guid, StreakStart>();
                while (await reader.ReadAsync(cancellation))
                {
                    var history = session.DocumentStore.Options.Serializer().FromJson<SobrietyHistory>(reader, 0);
                    DateTimeOffset? restart = await reader.IsDBNullAsync(1, cancellation) ? null : new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
                    starts[history.Id] = new StreakStart(history, restart);
                }
                return starts;
            }, cancellation);

    /// <summary>One client's start as of <paramref name="now"/>, or null.</summary>
    public static async Task<StreakStart?> Start(IQuerySession session, Guid clientId, DateTimeOffset now, CancellationToken cancellation) =>
        (await Starts(session, [clientId], now, cancellation)).GetValueOrDefault(clientId);

    private static async Task<T> Read<T>(IQuerySession session, string sql, object clients, DateTimeOffset asOf,
        Func<DbDataReader, Task<T>> read, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = clients });
        command.Parameters.Add(new NpgsqlParameter { Value = asOf.UtcTicks });
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        return await read(reader);
    }
}
