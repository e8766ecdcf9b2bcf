using System.Text;
using System.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.Playwright;
using RecoveryLedger.Api.Identity;
using static Microsoft.Playwright.Assertions;

namespace RecoveryLedger.Console.Tests;

/// <summary>
/// The console's production sign-in (oidc.js) against a real OpenID Connect server, OpenIddict in the test process
/// (<see cref="TestAuthority"/>): authorization code flow with PKCE, the token validated by the API through the
/// authority's published keys.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class the_clinic_sign_in(ConsoleHost host)
{
    private const string TokenKey = "recoveryledger.console.token";
    private const string PendingKey = "recoveryledger.console.oidc";

    [Fact]
    public async Task goes_to_the_authority_and_back_with_a_code_trades_it_with_pkce_and_shows_the_caseload()
    {
        // The console's policy lets its script reach the authority (discovery, the token request), nothing else.
        using (var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) })
            (await http.GetAsync("/console/")).Headers.GetValues("Content-Security-Policy").Single()
                .ShouldContain($"connect-src 'self' {host.Authority.Url};");
        var page = await host.Open();
        var leaving = page.WaitForRequestAsync(request => request.Url.StartsWith($"{host.Authority.Url}/connect/authorize?"));
        var traded = page.WaitForResponseAsync($"{host.Authority.Url}/connect/token");
        await page.SignInWithClinicAccount();

        // What leaves for the authority: the protocol's parameters and nothing about anyone.
        var authorize = HttpUtility.ParseQueryString(new Uri((await leaving).Url).Query);
        authorize.AllKeys.Order().ShouldBe(["client_id", "code_challenge", "code_challenge_method", "redirect_uri", "response_type", "scope", "state"]);
        authorize["response_type"].ShouldBe("code");
        authorize["code_challenge_method"].ShouldBe("S256");
        authorize["client_id"].ShouldBe(TestAuthority.ClientId);
        authorize["redirect_uri"].ShouldBe($"{host.BaseUrl}/console/");
        (await traded).Status.ShouldBe(200);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Caseload", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = host.Client.Pseudonym })).ToHaveCountAsync(1);

        // The code and state were taken out of the address; the token is in this tab's session storage only.
        page.Url.ShouldBe($"{host.BaseUrl}/console/");
        (await page.TitleAsync()).ShouldBe("Caseload · RecoveryLedger console");
        (await page.EvaluateAsync<int>("localStorage.length")).ShouldBe(0);
        (await page.EvaluateAsync<string?>($"sessionStorage.getItem('{PendingKey}')")).ShouldBeNull();
        var token = new JsonWebToken(await page.EvaluateAsync<string>($"sessionStorage.getItem('{TokenKey}')"));
        token.Issuer.ShouldBe($"{host.Authority.Url}/");
        token.Subject.ShouldBe(host.Clinic.Clinicians[0].ToString());
        token.GetClaim(TokenClaims.Role).Value.ShouldBe(Roles.Clinician);
        token.GetClaim(TokenClaims.Tenant).Value.ShouldBe(host.Clinic.Tenant);
    }

    [Fact]
    public async Task a_code_traded_with_the_wrong_verifier_is_refused_and_the_console_says_so_calmly()
    {
        var page = await host.Open();
        // Between the console and the authority, the verifier is swapped for another of the right shape; the
        // authority's answer goes back to the console as it came.
        var refusal = new TaskCompletionSource<(int Status, string? Error)>();
        await page.RouteAsync($"{host.Authority.Url}/connect/token", async route =>
        {
            var form = HttpUtility.ParseQueryString(route.Request.PostData ?? "");
            form["code_verifier"] = new string('a', 43);
            var answer = await route.FetchAsync(new() { PostData = Encoding.UTF8.GetBytes(form.ToString()!) });
            var body = await answer.JsonAsync();
            refusal.TrySetResult((answer.Status, body?.GetProperty("error").GetString()));
            await route.FulfillAsync(new() { Response = answer });
        });
        await page.SignInWithClinicAccount();

        (await refusal.Task.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe((400, "invalid_grant"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Sign-in could not be completed: please try again.")).ToBeVisibleAsync();
        page.Url.ShouldBe($"{host.BaseUrl}/console/");
        (await page.EvaluateAsync<string?>($"sessionStorage.getItem('{TokenKey}')")).ShouldBeNull();
        await Expect(page.GetByRole(AriaRole.Navigation)).ToBeHiddenAsync();
    }
}
