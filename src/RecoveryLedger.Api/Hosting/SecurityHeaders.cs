namespace RecoveryLedger.Api.Hosting;

public static class SecurityHeaders
{
    public const string CorsPolicy = "configured-origins";

    /// <summary>The API and everything else: no content of any kind may load, nothing may frame it.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The console: its own scripts and styles only (no inline script or style, no eval), its own API, and the
    /// OpenID Connect authority when one is configured for it (discovery and the token request).
    /// </summary>
    public static string ConsolePolicy(string? authorityOrigin) =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
        $"connect-src 'self'{(authorityOrigin is null ? "" : " " + authorityOrigin)}; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Responses carry health data: never cached, never framed, never sniffed, no referrer. Per path
    /// (docs/security.md): the console gets a policy that lets its own scripts run, its hashed assets
    /// may be cached for a year and its page revalidated; the interactive API reference (Development
    /// only) needs inline scripts, so it alone gets no policy of ours.
    /// </summary>
    public static WebApplication UseRecoveryLedgerSecurityHeaders(this WebApplication app)
    {
        var consolePolicy = ConsolePolicy(ConsoleSetup.AuthorityOrigin(app.Configuration));
        app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                var path = http.Request.Path;
                if (path.StartsWithSegments(ConsoleSetup.Path) && !path.StartsWithSegments(ConsoleSetup.Path + "/config.json"))
                {
                    headers.ContentSecurityPolicy = consolePolicy;
                    headers.CacheControl = http.Response.StatusCode is not (StatusCodes.Status200OK or StatusCodes.Status304NotModified) ? "no-store"
                        : path.StartsWithSegments(ConsoleSetup.HashedAssets) ? "public, max-age=31536000, immutable"
                        : "no-cache";
                }
                else if (!path.StartsWithSegments("/scalar"))
                {
                    headers.ContentSecurityPolicy = ApiPolicy;
                    headers.CacheControl = "no-store";
                }
                if (http.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                return Task.CompletedTask;
            });
            await next(http);
        });
        return app;
    }

    /// <summary>No CORS at all unless <c>Cors:AllowedOrigins</c> names the origins of browser front ends.</summary>
    public static WebApplicationBuilder AddRecoveryLedgerCors(this WebApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        if (origins.Length == 0) return builder;
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Authorization", "Content-Type", "If-Match")
            .WithExposedHeaders("ETag", "Location", "Retry-After")));
        return builder;
    }

    public static WebApplication UseRecoveryLedgerCors(this WebApplication app)
    {
        if (app.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() is { Length: > 0 }) app.UseCors(CorsPolicy);
        return app;
    }
}
