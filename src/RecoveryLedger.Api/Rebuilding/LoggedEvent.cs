using JasperFx.Events;

namespace RecoveryLedger.Api.Rebuilding;

/// <summary>
/// An event as the rebuild read it from the log, for the projections and Marten's aggregators. Not Marten's own
/// <c>Event&lt;T&gt;</c>: its constructor draws a new random id (<c>Guid.NewGuid</c>, 1.5 µs here: a read of the
/// kernel's random source) that the rebuild overwrites with the logged one at once — a fifth of the log reader's time
/// on a million events (docs/performance.md). Everything a logged event has is set from its row; tags and aggregate
/// identity sources belong to appending, which a rebuild never does.
/// </summary>
public sealed class LoggedEvent<T>(T data) : IEvent<T> where T : notnull
{
    public T Data { get; } = data;
    object IEvent.Data => Data;
    public Type EventType => typeof(T);
    public Guid Id { get; set; }
    public long Version { get; set; }
    public long Sequence { get; set; }
    public Guid StreamId { get; set; }
    public string? StreamKey { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public string TenantId { get; set; } = "";
    public string EventTypeName { get; set; } = "";
    public string DotNetTypeName { get; set; } = "";
    public string? CausationId { get; set; }
    public string? CorrelationId { get; set; }
    public string? UserName { get; set; }
    public Dictionary<string, object>? Headers { get; set; }
    public IReadOnlyList<EventTag> Tags => [];
    public bool IsArchived { get; set; }
    public bool IsSkipped { get; set; }
    public string? AggregateTypeName { get; set; }

    public void SetHeader(string key, object value) => (Headers ??= new())[key] = value;
    public object? GetHeader(string key) => Headers?.GetValueOrDefault(key);

    public Func<IEvent, TId> CreateAggregateIdentitySource<TId>() where TId : notnull =>
        throw new NotSupportedException("A rebuilt event is read, not appended.");
    public void AddTag<TTag>(TTag tag) where TTag : notnull => throw new NotSupportedException("A rebuilt event is read, not appended.");
    public void AddTag(EventTag tag) => throw new NotSupportedException("A rebuilt event is read, not appended.");
}
