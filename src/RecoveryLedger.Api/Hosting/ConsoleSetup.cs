using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using RecoveryLedger.Api.Identity;

namespace RecoveryLedger.Api.Hosting;

/// <summary>
/// The clinician console: static files built from src/RecoveryLedger.Console into <c>console/</c> beside the
/// assembly (see the API's project file), served at <c>/console/</c> to anyone (they hold no data; every datum
/// comes from the API with the caller's token), and <c>/console/config.json</c> telling it how to sign in.
/// </summary>
public static class ConsoleSetup
{
    public const string Path = "/console";
    /// <summary>Assets whose address carries the hash of their content (build.mjs): cacheable for good.</summary>
    public const string HashedAssets = "/console/assets";

    public static WebApplication UseRecoveryLedgerConsole(this WebApplication app)
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "console");
        if (!Directory.Exists(folder))
        {
            app.Logger.LogWarning("The console was not built (no console/ beside the assembly): /console/ answers 404.");
            return app;
        }
        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = Path });
        return app;
    }

    public static WebApplication MapRecoveryLedgerConsole(this WebApplication app)
    {
        app.MapGet($"{Path}/config.json", (IOptions<AuthOptions> auth, IConfiguration configuration, IHostEnvironment environment) =>
                SignInOptions.For(auth.Value, configuration, environment))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>What the console's sign-in page offers: dev tokens in Development, OpenID Connect when configured.</summary>
    public sealed record SignInOptions(bool DevTokens, OidcOptions? Oidc)
    {
        public static SignInOptions For(AuthOptions auth, IConfiguration configuration, IHostEnvironment environment)
        {
            var clientId = configuration["Console:ClientId"];
            var oidc = string.IsNullOrWhiteSpace(auth.Authority) || string.IsNullOrWhiteSpace(clientId)
                ? null
                : new OidcOptions(auth.Authority, clientId, configuration["Console:Scope"] ?? "openid");
            return new SignInOptions(environment.IsDevelopment(), oidc);
        }
    }

    public sealed record OidcOptions(string Authority, string ClientId, string Scope);

    /// <summary>The origin of <c>Auth:Authority</c>, which the console's script must reach to sign in.</summary>
    public static string? AuthorityOrigin(IConfiguration configuration) =>
        Uri.TryCreate(configuration["Auth:Authority"], UriKind.Absolute, out var authority) && configuration["Console:ClientId"] is { Length: > 0 }
            ? authority.GetLeftPart(UriPartial.Authority)
            : null;
}
