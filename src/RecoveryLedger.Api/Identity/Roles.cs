namespace RecoveryLedger.Api.Identity;

/// <summary>The four roles of the contract. Any other value of the <c>role</c> claim may call nothing.</summary>
public static class Roles
{
    public const string Client = "client";
    public const string Clinician = "clinician";
    public const string Admin = "admin";
    public const string Analyst = "analyst";

    public static readonly IReadOnlyList<string> All = [Client, Clinician, Admin, Analyst];
}
