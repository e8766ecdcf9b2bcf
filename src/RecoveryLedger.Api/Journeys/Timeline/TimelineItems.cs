using System.Text.Json;
using Marten;

namespace RecoveryLedger.Api.Journeys.Timeline;

/// <summary>The few reads that look inside items: a kind's items of one client, narrowed by the page index first.</summary>
public static class TimelineItems
{
    /// <summary>
    /// The client's items of <paramref name="kind"/> recorded by <paramref name="recordedBy"/> that occurred in
    /// (<paramref name="after"/>, <paramref name="upTo"/>], in timeline order, newest first or oldest first, each as its JSON.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> OfKindAsync(IQuerySession session, Guid clientId, string kind,
        DateTimeOffset recordedBy, DateTimeOffset? after, DateTimeOffset? upTo, bool newestFirst, CancellationToken cancellation)
    {
        var order = newestFirst ? "desc" : "asc";
        await using var command = new Npgsql.NpgsqlCommand(
            $"select d.item::text from {TimelineTable.Table} as d where d.tenant_id = $1 and d.client_id = $2 and d.kind = $3 " +
            "and d.recorded_at <= $4 and ($5::timestamptz is null or d.occurred_at > $5) and ($6::timestamptz is null or d.occurred_at <= $6) " +
            $"order by d.occurred_at {order}, d.recorded_at {order}, d.item_id {order}");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = session.TenantId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = clientId });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = kind });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = recordedBy.ToUniversalTime() });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)after?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)upTo?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        var items = new List<JsonElement>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            using var item = JsonDocument.Parse(reader.GetString(0));
            items.Add(item.RootElement.Clone());
        }
        return items;
    }
}
