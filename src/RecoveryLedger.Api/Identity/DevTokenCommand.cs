using JasperFx.CommandLine;
using Microsoft.Extensions.Options;

namespace RecoveryLedger.Api.Identity;

public sealed class DevTokenInput : NetCoreInput
{
    [Description("The role claim: client, clinician, admin or analyst")]
    public string RoleFlag { get; set; } = Roles.Clinician;

    [Description("The clinic (tenant claim), [a-z0-9-]{1,63}")]
    public string TenantFlag { get; set; } = "clinic-a";

    [Description("The subject (a UUID); a new one when absent")]
    public string? SubFlag { get; set; }

    [Description("Lifetime in hours (default 12)")]
    public int HoursFlag { get; set; } = 12;
}

/// <summary>
/// <c>dev-token --role clinician --tenant clinic-a [--sub UUID]</c>: prints a signed token for local
/// trying-out. Refuses without a symmetric key (a deployment with an OIDC authority mints none).
/// </summary>
[Description("Prints a signed development token (needs Auth:SigningKey)", Name = "dev-token")]
public sealed class DevTokenCommand : JasperFxCommand<DevTokenInput>
{
    public override bool Execute(DevTokenInput input)
    {
        using var host = input.BuildHost();
        var auth = host.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        return Run(input, auth, now, Console.Out, Console.Error);
    }

    /// <summary>The command without its host: prints the token, or says why it refuses.</summary>
    public static bool Run(DevTokenInput input, AuthOptions auth, DateTimeOffset now, TextWriter output, TextWriter error)
    {
        var subject = input.SubFlag is null ? Guid.NewGuid() : Guid.TryParse(input.SubFlag, out var s) ? s : Guid.Empty;
        if (Refusal(auth, input, subject) is { } refusal)
        {
            error.WriteLine(refusal);
            return false;
        }
        output.WriteLine(TokenIssuer.Issue(auth, input.RoleFlag, input.TenantFlag, subject, now, TimeSpan.FromHours(input.HoursFlag)));
        return true;
    }

    internal static string? Refusal(AuthOptions auth, DevTokenInput input, Guid subject) =>
        !auth.HasUsableSigningKey ? $"Refusing: Auth:SigningKey is not set (or shorter than {AuthOptions.MinimumKeyBytes} bytes)."
        : !Roles.All.Contains(input.RoleFlag) ? $"Unknown role '{input.RoleFlag}'. Use one of: {string.Join(", ", Roles.All)}."
        : !TokenClaims.IsWellFormedTenant(input.TenantFlag) ? "The tenant must match [a-z0-9-]{1,63}."
        : subject == Guid.Empty ? "--sub must be a UUID."
        : input.HoursFlag is < 1 or > 24 * 30 ? "--hours must be between 1 and 720."
        : null;
}
