using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RecoveryLedger.Api.Identity;

/// <summary>Signs HS256 tokens shaped like the contract's. For local trying-out and tests only.</summary>
public static class TokenIssuer
{
    public static string Issue(AuthOptions auth, string role, string tenant, Guid subject, DateTimeOffset now, TimeSpan lifetime)
    {
        if (!auth.HasUsableSigningKey)
            throw new InvalidOperationException(
                $"Auth:SigningKey must be set to at least {AuthOptions.MinimumKeyBytes} bytes to sign a token.");

        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey!));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Subject = new ClaimsIdentity([
                new Claim(TokenClaims.Subject, subject.ToString()),
                new Claim(TokenClaims.Role, role),
                new Claim(TokenClaims.Tenant, tenant),
            ]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
