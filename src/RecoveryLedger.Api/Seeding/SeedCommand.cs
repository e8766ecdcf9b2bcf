using RecoveryLedger.Api.Hosting;
using JasperFx.CommandLine;
using Marten;
using Microsoft.Extensions.Options;
using RecoveryLedger.Api.Hosting.CommandLine;
using RecoveryLedger.Api.Identity;

namespace RecoveryLedger.Api.Seeding;

public sealed class SeedInput : NetCoreInput
{
    [Description("The demo clinic (tenant)")]
    public string TenantFlag { get; set; } = "demo-clinic";

    [Description("How many clients (default 50)")]
    public int ClientsFlag { get; set; } = 50;

    [Description("Days of history (default 90)")]
    public int DaysFlag { get; set; } = 90;

    [Description("Generator seed: the same seed gives the same journeys (default 42)")]
    public int SeedFlag { get; set; } = 42;
}

/// <summary>
/// <c>seed</c>: fills an empty demo clinic (3 clinicians, 50 clients, 90 days of synthetic history) and
/// prints development tokens to try it with. Does nothing but print the tokens when the clinic has clients.
/// </summary>
[Description("Fills an empty demo clinic with synthetic journeys and prints dev tokens", Name = "seed")]
public sealed class SeedCommand : JasperFxAsyncCommand<SeedInput>
{
    public override async Task<bool> Execute(SeedInput input)
    {
        using var host = input.BuildHost();
        if (host.Services.GetRequiredService<ClinicDatabases>().Refusal(input.TenantFlag) is { } unserved)
        {
            Console.Error.WriteLine(unserved);
            return false;
        }
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var auth = host.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var people = DemoClinic.People(input.TenantFlag, input.ClientsFlag, input.DaysFlag, input.SeedFlag, now);

        int? stored = null;
        await JobProgress.Run("seed", people.Clients.Count, async step =>
            stored = await DemoClinic.Seed(store, people, input.DaysFlag, input.SeedFlag, now, step, CancellationToken.None));
        Console.WriteLine(stored is null
            ? $"{input.TenantFlag} already has clients: nothing seeded."
            : $"Seeded {people.Clients.Count} clients with {stored} entries in {input.TenantFlag}.");
        if (!auth.HasUsableSigningKey)
        {
            Console.WriteLine("Set Auth:SigningKey to get tokens to try it with.");
            return true;
        }
        string Token(string role, Guid id) => TokenIssuer.Issue(auth, role, input.TenantFlag, id, now, TimeSpan.FromHours(12));
        Console.WriteLine($"clinician (care team of a third of the clients): {Token(Roles.Clinician, people.Clinicians[0])}");
        Console.WriteLine($"client {people.Clients[0].ClientId}: {Token(Roles.Client, people.Clients[0].ClientId)}");
        Console.WriteLine($"admin: {Token(Roles.Admin, people.Admin)}");
        Console.WriteLine($"analyst: {Token(Roles.Analyst, people.Analyst)}");
        if (DemoClinic.FirstSupported(people, input.SeedFlag, now) is { } shared)
            Console.WriteLine($"supporter ({shared.Supporter.Relationship} of client {shared.Client.ClientId}, sees " +
                              $"{string.Join(", ", shared.Supporter.Scopes)}): {Token(Roles.Supporter, shared.Supporter.SupporterId)}");
        return true;
    }
}
