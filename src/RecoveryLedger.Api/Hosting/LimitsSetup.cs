using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RecoveryLedger.Api.Identity;

namespace RecoveryLedger.Api.Hosting;

/// <summary>The <c>Limits</c> configuration section.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Above this a request body is refused with 413 (default 8 MiB: a full batch with long notes fits).</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Entry syncs per minute per caller (sub, role, clinic of the token); above it 429 with Retry-After.</summary>
    public int AppendsPerMinute { get; set; } = 1200;
}

public static class LimitsSetup
{
    public const string AppendsPolicy = "appends";

    public static WebApplicationBuilder AddRecoveryLedgerLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        builder.Services.Configure<LimitsOptions>(builder.Configuration.GetSection(LimitsOptions.Section));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(AppendsPolicy, http => RateLimitPartition.GetSlidingWindowLimiter(CallerKey(http.User),
                _ => new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = limits.AppendsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    SegmentsPerWindow = 6,
                    QueueLimit = 0,
                }));
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                await Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests,
                    "Too many syncs; retry after the number of seconds in Retry-After.");
            };
        });
        return builder;
    }

    private static string CallerKey(ClaimsPrincipal user) =>
        $"{user.FindFirstValue(TokenClaims.Tenant)}|{user.FindFirstValue(TokenClaims.Role)}|{user.FindFirstValue(TokenClaims.Subject)}";

    /// <summary>
    /// 413 for a declared body above the limit, before anything reads it. Kestrel enforces the same limit
    /// on bodies of undeclared length while they are read (answered as 413 by the exception handler).
    /// </summary>
    public static WebApplication UseRecoveryLedgerBodyLimit(this WebApplication app)
    {
        var max = app.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>()?.MaxRequestBodyBytes ?? new LimitsOptions().MaxRequestBodyBytes;
        app.Use(async (http, next) =>
        {
            if (http.Request.ContentLength > max)
            {
                await Problems.Write(http, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {max} bytes.");
                return;
            }
            await next(http);
        });
        return app;
    }
}
