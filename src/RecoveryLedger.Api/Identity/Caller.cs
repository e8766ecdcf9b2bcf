using System.Security.Claims;

namespace RecoveryLedger.Api.Identity;

/// <summary>
/// Who is calling, read once from the validated token. Token validation has already
/// guaranteed that <c>sub</c> is a UUID; the clinic (<c>tenant</c>) is the session's, not the caller's concern.
/// </summary>
public sealed record Caller(Guid Id, string Role)
{
    public bool IsClient => Role == Roles.Client;
    public bool IsClinician => Role == Roles.Clinician;
    public bool IsAdmin => Role == Roles.Admin;
    public bool IsSupporter => Role == Roles.Supporter;

    public static Caller From(ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(TokenClaims.Subject)!),
        user.FindFirstValue(TokenClaims.Role) ?? "");

    public static Caller FromContext(HttpContext http) => From(http.User);

    /// <summary>How the caller is written into history.</summary>
    public Journeys.Recorder Recorder => new(Role, Id);
}
