using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using RecoveryLedger.Api.Hosting;

namespace RecoveryLedger.Api.Identity;

public static class AuthSetup
{
    /// <summary>
    /// JWT bearer exactly as the contract says: HS256 from <c>Auth:SigningKey</c> (or an OIDC
    /// <c>Auth:Authority</c>), required <c>exp</c>, 30 s skew, and the claims <c>sub</c> (UUID) and
    /// <c>tenant</c> checked after signature validation so that a malformed one is a 401.
    /// </summary>
    public static WebApplicationBuilder AddRecoveryLedgerAuth(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        builder.Services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));

        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.IncludeErrorDetails = false;
                if (!string.IsNullOrWhiteSpace(auth.Authority)) jwt.Authority = auth.Authority;
                jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                jwt.TokenValidationParameters = ValidationParameters(auth);
                jwt.Events = new JwtBearerEvents
                {
                    OnTokenValidated = RejectMalformedClaims,
                    OnChallenge = WriteUnauthorized,
                    OnForbidden = WriteForbidden,
                };
            });

        // Every Wolverine endpoint requires an authenticated caller (EndpointsSetup); roles are
        // declared per endpoint. No fallback policy: an unknown route is a 404, not a 401.
        builder.Services.AddAuthorization();
        return builder;
    }

    internal static TokenValidationParameters ValidationParameters(AuthOptions auth) => new()
    {
        ValidateIssuer = true,
        ValidIssuer = auth.Issuer,
        ValidateAudience = true,
        ValidAudience = auth.Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = AuthOptions.ClockSkew,
        ValidAlgorithms = string.IsNullOrWhiteSpace(auth.Authority) ? [SecurityAlgorithms.HmacSha256] : null,
        IssuerSigningKey = auth.HasUsableSigningKey
            ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey!))
            : null,
        NameClaimType = TokenClaims.Subject,
        RoleClaimType = TokenClaims.Role,
    };

    private static Task RejectMalformedClaims(TokenValidatedContext context)
    {
        var user = context.Principal;
        if (user is null
            || !TokenClaims.IsWellFormedSubject(user.FindFirst(TokenClaims.Subject)?.Value)
            || !TokenClaims.IsWellFormedTenant(user.FindFirst(TokenClaims.Tenant)?.Value))
        {
            context.Fail("The token's sub or tenant claim is missing or malformed.");
        }
        return Task.CompletedTask;
    }

    private static Task WriteUnauthorized(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Write(context.HttpContext, StatusCodes.Status401Unauthorized,
            "A valid bearer token is required.");
    }

    private static Task WriteForbidden(ForbiddenContext context) =>
        Problems.Write(context.HttpContext, StatusCodes.Status403Forbidden,
            "This role may not call this endpoint.");
}
