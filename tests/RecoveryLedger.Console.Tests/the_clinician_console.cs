using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RecoveryLedger.Api.Identity;
using static Microsoft.Playwright.Assertions;

namespace RecoveryLedger.Console.Tests;

/// <summary>A clinician works the demo clinic in Chromium: the journey, every page audited by axe-core.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class the_clinician_console(ConsoleHost host)
{
    [Fact]
    public async Task signs_in_with_a_pasted_token_and_shows_the_caseload_ranked_by_need()
    {
        var page = await host.Open();
        await page.Audit("sign-in");
        await page.SignIn(host.ClinicianToken);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Caseload", Level = 1 })).ToBeVisibleAsync();
        var rows = page.GetByRole(AriaRole.Row);
        await Expect(rows.Filter(new() { HasText = host.Client.Pseudonym })).ToHaveCountAsync(1);
        (await page.TitleAsync()).ShouldBe("Caseload · RecoveryLedger console");
        await page.Audit("caseload");
        await page.ShouldKeepNothingPersonalOutside(host, host.Client.Pseudonym);
    }

    [Fact]
    public async Task opens_a_client_and_pages_filters_and_rewinds_the_timeline()
    {
        var page = await host.Open();
        await page.SignIn(host.ClinicianToken);
        await page.GetByRole(AriaRole.Button, new() { Name = host.Client.Pseudonym, Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = host.Client.Pseudonym, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Current streak")).ToBeVisibleAsync();
        await Expect(page.GetByText("Total sober days")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Daily craving and urge intensity") })).ToBeVisibleAsync();
        await Expect(page.GetByText("screening threshold from community samples: not a diagnosis")).ToBeVisibleAsync();
        await page.ShouldKeepNothingPersonalOutside(host, host.Client.Pseudonym);

        var timeline = page.Locator("section[aria-labelledby=timeline-heading]");
        var entries = timeline.Locator("ol.entries > li");
        await Expect(entries).ToHaveCountAsync(25);
        await page.Audit("client");
        // The first screenful as well (the README's picture: docs/console-client.png).
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsolePages.Screenshots, "client-first-screen.png") });

        await timeline.GetByRole(AriaRole.Button, new() { Name = "Show older entries" }).ClickAsync();
        await Expect(entries).ToHaveCountAsync(50);

        await timeline.GetByLabel("Lapse or slip").CheckAsync();
        await timeline.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(entries.Locator("h3").Filter(new() { HasNotText = "Lapse or slip" })).ToHaveCountAsync(0);
        (await entries.CountAsync()).ShouldBeGreaterThan(0);

        // As of ten days ago: what the record showed then, nothing recorded since.
        var asOf = DateTime.Now.AddDays(-10);
        await timeline.GetByLabel("Lapse or slip").UncheckAsync();
        await timeline.GetByLabel(new Regex("^As of")).FillAsync(asOf.ToString("yyyy-MM-ddTHH:mm"));
        await timeline.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(timeline.GetByText(new Regex("as the record stood on"))).ToBeVisibleAsync();
        var newest = DateTimeOffset.Parse((await entries.First.Locator("time").GetAttributeAsync("datetime"))!);
        newest.ShouldBeLessThan(new DateTimeOffset(asOf));
        await page.Audit("client-as-of");
    }

    [Fact]
    public async Task acknowledges_and_resolves_an_alert_with_a_note_and_its_evidence_one_click_away()
    {
        await host.LapseWithOpenAlert();
        var page = await host.Open();
        await page.SignIn(host.ClinicianToken);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button, new() { Name = "Alerts" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alerts", Level = 1 })).ToBeVisibleAsync();

        var card = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"Lapse — {host.Client.Pseudonym}" }) });
        await card.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Show evidence") }).ClickAsync();
        await Expect(card.GetByText("After a hard call.")).ToBeVisibleAsync();
        await page.Audit("alerts");

        await card.GetByLabel("Note (optional)").FillAsync("Called; a plan for the evening agreed.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(card.GetByText("Acknowledged", new() { Exact = true })).ToBeVisibleAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(card.GetByText("Resolved", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Resolve" })).ToHaveCountAsync(0);

        await page.GetByLabel("Show alerts that are").SelectOptionAsync("resolved");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Lapse — {host.Client.Pseudonym}" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task an_admin_reads_the_access_log_and_sees_no_clinical_pages()
    {
        using (var clinician = host.Api(host.ClinicianToken))
            (await clinician.GetAsync($"/api/clients/{host.Client.ClientId}/streak")).EnsureSuccessStatusCode();
        var page = await host.Open();
        await page.SignIn(host.Token(Roles.Admin, host.Clinic.Admin));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access log", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button, new() { Name = "Caseload" })).ToHaveCountAsync(0);

        await page.GetByLabel("Client id").FillAsync(host.Client.ClientId.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the access log" }).ClickAsync();
        var log = page.GetByRole(AriaRole.Region, new() { Name = "Access log table" });
        await Expect(log.GetByRole(AriaRole.Row).Filter(new() { HasText = "Read the streak" }).First).ToBeVisibleAsync();
        await page.Audit("access-log");
    }

    [Fact]
    public async Task a_role_without_pages_sees_nothing_but_a_calm_word()
    {
        var page = await host.Open();
        await page.SignIn(host.Token(Roles.Analyst, host.Clinic.Analyst));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nothing to show" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button)).ToHaveTextAsync(["Sign out"]);
        await page.Audit("no-pages");
    }

    [Fact]
    public async Task is_readable_at_360_pixels_wide()
    {
        var page = await host.Open(width: 360, height: 780);
        await page.SignIn(host.ClinicianToken);
        await page.GetByRole(AriaRole.Button, new() { Name = host.Client.Pseudonym, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync();
        await Expect(page.Locator("ol.entries > li").First).ToBeVisibleAsync();
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(360);
        await page.Audit("client-360px");
    }
}
