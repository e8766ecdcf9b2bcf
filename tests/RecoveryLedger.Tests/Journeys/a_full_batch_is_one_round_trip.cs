using System.Collections.Concurrent;
using System.Diagnostics;

namespace RecoveryLedger.Tests.Journeys;

/// <summary>
/// A sync of 500 entries costs the database the same number of round trips as a sync of one: the
/// events, their timeline rows and the journey go in one batched command, not one per entry.
/// Round trips are counted from Npgsql's own activities under the request's trace.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class a_full_batch_is_one_round_trip(AppFixture app) : IDisposable
{
    private readonly ApiDriver _api = new(app);
    private readonly ConcurrentBag<Activity> _commands = [];
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == "Npgsql",
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private async Task<int> RoundTripsOf(Client client, int entries)
    {
        _listener.ActivityStopped = activity => _commands.Add(activity);
        ActivitySource.AddActivityListener(_listener);
        var trace = ActivityTraceId.CreateRandom();
        var now = DateTimeOffset.UtcNow;
        var batch = Enumerable.Range(0, entries).Select(i => Entries.Urge(now.AddSeconds(-i), i % 11)).ToArray();

        var response = await _api.Send(HttpMethod.Post, $"/api/clients/{client.Id}/entries", client.Self, new { entries = batch },
            configure: r => r.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01"));

        await response.ShouldBe(HttpStatusCode.OK);
        (await response.Json())["accepted"]!.GetValue<int>().ShouldBe(entries);
        return _commands.Count(a => a.TraceId == trace);
    }

    [Fact]
    public async Task as_a_batch_of_one()
    {
        var one = await RoundTripsOf(await _api.EnrolledClient(), 1);
        var full = await RoundTripsOf(await _api.EnrolledClient(), 500);

        one.ShouldBeGreaterThan(0, "Npgsql activities should be visible under the request's trace");
        full.ShouldBe(one);
    }

    public void Dispose() => _listener.Dispose();
}
