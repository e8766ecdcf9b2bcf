using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace RecoveryLedger.Console.Tests;

/// <summary>Opening the console as someone, and what every page must pass: axe-core, and a screenshot kept.</summary>
public static class ConsolePages
{
    /// <summary>Where screenshots go: <c>RL_TEST_RESULTS</c> (scripts/test sets it to .pg/test-results), else beside the tests.</summary>
    public static string Screenshots => Path.Combine(
        Environment.GetEnvironmentVariable("RL_TEST_RESULTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults"), "console");

    public static async Task<IPage> Open(this ConsoleHost host, int width = 1280, int height = 900)
    {
        var context = await host.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, BaseURL = host.BaseUrl });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add(message.Text); };
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync("/console/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Pastes a dev token into the sign-in form, as a newcomer does with the seed's.</summary>
    public static async Task SignIn(this IPage page, string token)
    {
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "With a development token" }) });
        await form.GetByLabel("Token").FillAsync(token);
        await form.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Chooses the clinic's sign-in: the browser leaves for the authority (and, with the test's, comes straight back).</summary>
    public static Task SignInWithClinicAccount(this IPage page) =>
        page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "With your clinic account" }) })
            .GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

    /// <summary>No serious or critical axe-core violation on the page as it is now; a screenshot of it kept.</summary>
    public static async Task Audit(this IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        serious.ShouldBeEmpty($"axe-core on the {name} page");
    }

    /// <summary>Nothing about a client in the address, the title or local storage; the token only in this tab's session storage.</summary>
    public static async Task ShouldKeepNothingPersonalOutside(this IPage page, ConsoleHost host, string pseudonym)
    {
        page.Url.ShouldBe($"{host.BaseUrl}/console/");
        (await page.TitleAsync()).ShouldNotContain(pseudonym);
        (await page.EvaluateAsync<int>("localStorage.length")).ShouldBe(0);
        // The new tab's about:blank and /console/: the console itself adds no entry to the history.
        (await page.EvaluateAsync<int>("history.length")).ShouldBe(2);
    }
}
