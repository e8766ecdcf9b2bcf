namespace RecoveryLedger.Api.Identity;

/// <summary>The five roles of the contract. Any other value of the <c>role</c> claim may call nothing.</summary>
public static class Roles
{
    public const string Client = "client";
    public const string Clinician = "clinician";
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    /// <summary>Someone the client chose to share part of its journey with (v2): reaches only the shared view.</summary>
    public const string Supporter = "supporter";

    public static readonly IReadOnlyList<string> All = [Client, Clinician, Admin, Analyst, Supporter];
}
