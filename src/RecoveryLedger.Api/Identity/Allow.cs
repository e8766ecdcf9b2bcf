namespace RecoveryLedger.Api.Identity;

/// <summary>
/// Role sets used on endpoints with <c>[Authorize(Roles = ...)]</c>: the framework answers 403
/// for an authenticated caller outside the set, so no endpoint checks roles by hand.
/// Reach (which client a caller may see) is the other half, in <see cref="Journeys.Reach"/>.
/// </summary>
public static class Allow
{
    public const string ClientOrClinician = Roles.Client + "," + Roles.Clinician;
    public const string ClinicianOrAdmin = Roles.Clinician + "," + Roles.Admin;
    public const string ClientClinicianOrAdmin = Roles.Client + "," + Roles.Clinician + "," + Roles.Admin;
    public const string Clinician = Roles.Clinician;
    public const string ClientOrAdmin = Roles.Client + "," + Roles.Admin;
    public const string Analyst = Roles.Analyst;
    public const string Admin = Roles.Admin;
    public const string Client = Roles.Client;
    public const string Supporter = Roles.Supporter;
}
