namespace RecoveryLedger.Api.Hosting;

public static class SecurityHeaders
{
    public const string CorsPolicy = "configured-origins";

    /// <summary>
    /// Responses carry health data: never cached, never framed, never sniffed, no referrer. The
    /// interactive API reference (Development only) needs scripts, so it alone gets a looser policy.
    /// </summary>
    public static WebApplication UseRecoveryLedgerSecurityHeaders(this WebApplication app)
    {
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
                if (!http.Request.Path.StartsWithSegments("/scalar"))
                {
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
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
