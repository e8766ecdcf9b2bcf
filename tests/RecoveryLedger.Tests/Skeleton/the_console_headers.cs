using System.Text.RegularExpressions;

namespace RecoveryLedger.Tests.Skeleton;

/// <summary>
/// Security headers per path (docs/security.md): the console may run its own scripts and styles, never inline
/// ones; its hashed assets may be cached for good, its page is revalidated; the API keeps default-src 'none'
/// and no-store. The console itself is tested in Chromium (tests/RecoveryLedger.Console.Tests).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class the_console_headers(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    [Fact]
    public async Task the_console_page_runs_only_its_own_scripts_and_is_revalidated()
    {
        var response = await _api.Http.GetAsync("/console/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("default-src 'none'");
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("style-src 'self'");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldNotContain("unsafe-inline");
        policy.ShouldNotContain("unsafe-eval");
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
    }

    [Fact]
    public async Task hashed_console_assets_are_cached_for_a_year_and_a_missing_one_not_at_all()
    {
        var page = await _api.Http.GetStringAsync("/console/");
        var script = HashedScript().Match(page);
        script.Success.ShouldBeTrue("index.html names its script under assets/<hash>/");

        var asset = await _api.Http.GetAsync($"/console/{script.Value}");
        asset.StatusCode.ShouldBe(HttpStatusCode.OK);
        asset.Headers.CacheControl!.Public.ShouldBeTrue();
        asset.Headers.CacheControl.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        asset.Headers.CacheControl.Extensions.ShouldContain(e => e.Name == "immutable");

        var missing = await _api.Http.GetAsync("/console/assets/0000000000000000/js/none.js");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task the_sign_in_options_offer_dev_tokens_in_development_and_are_not_stored()
    {
        var response = await _api.Http.GetAsync("/console/config.json");
        response.Headers.CacheControl!.NoStore.ShouldBe(true);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe("default-src 'none'; frame-ancestors 'none'");
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"devTokens":true,"oidc":null}""");
    }

    [GeneratedRegex("assets/[0-9a-f]{16}/js/main\\.js")]
    private static partial Regex HashedScript();
}
