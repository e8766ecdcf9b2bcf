using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using RecoveryLedger.Api.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace RecoveryLedger.Console.Tests;

/// <summary>
/// The clinic's OpenID Connect provider, in the test process: OpenIddict's server on Kestrel (loopback, plain
/// HTTP), with an authorization endpoint that asks nothing and signs in one clinician, and a token endpoint that
/// trades its codes for access tokens (JWTs signed with an ephemeral RSA key, not encrypted, so the API can read
/// them through the authority's published keys). One public client, the console: authorization code flow with
/// PKCE (S256) required, its redirect URI exactly <c>&lt;console origin&gt;/console/</c>.
/// </summary>
/// <remarks>
/// No database: OpenIddict's degraded mode, in which the two handlers below do what the application store would
/// (the client id and redirect URI must be the console's). PKCE, the code's lifetime and the binding of a code to
/// its client and redirect URI are OpenIddict's own checks, which need no store. Codes are not stored, so one could
/// be redeemed twice: no test here relies on that either way.
/// </remarks>
public sealed class TestAuthority : IAsyncDisposable
{
    public const string ClientId = "recoveryledger-console";
    private readonly WebApplication _app;

    private TestAuthority(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash: the console and the API add their own).</summary>
    public string Url { get; }

    /// <param name="consoleOrigin">The API's origin: the console's redirect URI is there, and it calls from there.</param>
    /// <param name="audience">What the API expects in <c>aud</c>.</param>
    /// <param name="clinician">Who signs in: a clinician of <paramref name="tenant"/>.</param>
    public static async Task<TestAuthority> Start(string consoleOrigin, string audience, Guid clinician, string tenant)
    {
        var redirectUri = $"{consoleOrigin}/console/";
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        // Nothing of the API's configuration (appsettings beside the tests, environment): this is another server.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddCors();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            server.EnableDegradedMode();
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId) context.Reject(Errors.InvalidClient, "Unknown client.");
                else if (context.RedirectUri != redirectUri) context.Reject(Errors.InvalidRequest, "Not this client's redirect URI.");
                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                // A public client: its id, and no secret (it could keep none).
                if (context.ClientId != ClientId || context.Request.ClientSecret is not null)
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                return default;
            }));
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
        });

        var app = builder.Build();
        // The console reads the discovery document and posts to the token endpoint with fetch, from the API's origin.
        app.UseCors(cors => cors.WithOrigins(consoleOrigin).WithMethods("GET", "POST").WithHeaders("Content-Type"));
        app.UseAuthentication();
        app.MapGet("/connect/authorize", (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()
                ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Subject, Claims.Role);
            identity.SetClaim(Claims.Subject, clinician.ToString())
                .SetClaim(Claims.Role, Roles.Clinician)
                .SetClaim(TokenClaims.Tenant, tenant);
            identity.SetScopes(request.GetScopes()).SetResources(audience);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new TestAuthority(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
