using Alba;
using Microsoft.Extensions.DependencyInjection;

namespace RecoveryLedger.Tests.Skeleton;

/// <summary>A host whose clock is broken: every endpoint that asks for the time fails unexpectedly.</summary>
public sealed class BrokenClockHost : IAsyncLifetime
{
    public const string Secret = "internal-detail-that-must-never-reach-a-caller";
    public IAlbaHost Host { get; private set; } = null!;

    private sealed class BrokenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException(Secret);
    }

    public async Task InitializeAsync() =>
        Host = await TestHosts.Start(await TestHosts.NewDatabase("broken"), services => services.AddSingleton<TimeProvider>(new BrokenClock()));

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class unhandled_exceptions(BrokenClockHost broken) : IClassFixture<BrokenClockHost>
{
    [Fact]
    public async Task become_a_500_problem_without_internals()
    {
        var clinician = Tokens.Actor(new() { SigningKey = AppFixture.SigningKey }, "clinician", "clinic-broken");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/clients")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { pseudonym = "X", timeZone = "Europe/Berlin", sobrietyStartedAt = "2026-01-01T00:00:00Z" }),
        };
        request.Headers.Authorization = new("Bearer", clinician.Token);
        var response = await broken.Host.Server.CreateClient().SendAsync(request);

        var body = await response.ShouldBeProblem(HttpStatusCode.InternalServerError);
        var text = body.ToJsonString();
        text.ShouldNotContain(BrokenClockHost.Secret);
        text.ShouldNotContain("InvalidOperationException");
        text.ShouldNotContain(" at ");
    }
}
