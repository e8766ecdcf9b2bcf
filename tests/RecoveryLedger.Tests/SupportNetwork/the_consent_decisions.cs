using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.SupportNetwork;
using RecoveryLedger.Api.SupportNetwork.Granting;

namespace RecoveryLedger.Tests.SupportNetwork;

/// <summary>The support network's pure decisions and the supporter's rule of the reach policy, without a database.</summary>
public sealed class the_consent_decisions
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ClientId = Guid.NewGuid();
    private static readonly Caller Client = new(ClientId, Roles.Client);
    private static readonly Caller Supporter = new(Guid.NewGuid(), Roles.Supporter);

    private static Journey With(params SupporterConsent[] consents) => new() { Id = ClientId, Consents = [.. consents] };

    private static SupporterConsent Consent(DateTimeOffset grantedAt, DateTimeOffset expiresAt, DateTimeOffset? revokedAt = null) =>
        new(Guid.NewGuid(), Supporter.Id, "sponsor", ["streak"], grantedAt, expiresAt, revokedAt);

    [Fact]
    public void a_supporter_reaches_only_the_shared_view_while_a_consent_is_in_force()
    {
        var journey = With(Consent(Now.AddDays(-1), Now.AddDays(1)));

        Reach.Allows(Supporter, journey, Purpose.ReadShared, Now).ShouldBeTrue();
        foreach (var purpose in Enum.GetValues<Purpose>().Where(p => p != Purpose.ReadShared))
            Reach.Allows(Supporter, journey, purpose, Now).ShouldBeFalse(purpose.ToString());
        Reach.Allows(new Caller(Guid.NewGuid(), Roles.Supporter), journey, Purpose.ReadShared, Now).ShouldBeFalse("another supporter");
    }

    [Fact]
    public void in_force_means_granted_not_yet_expired_and_not_revoked()
    {
        Reach.Allows(Supporter, With(Consent(Now.AddDays(-10), Now)), Purpose.ReadShared, Now).ShouldBeFalse("expired at this instant");
        Reach.Allows(Supporter, With(Consent(Now.AddDays(-10), Now.AddTicks(1))), Purpose.ReadShared, Now).ShouldBeTrue();
        Reach.Allows(Supporter, With(Consent(Now.AddDays(-10), Now.AddDays(10), Now.AddDays(-1))), Purpose.ReadShared, Now).ShouldBeFalse("revoked");
        Reach.Allows(Supporter, With(Consent(Now.AddDays(-10), Now.AddDays(10), Now.AddDays(-1))), Purpose.ReadShared, Now.AddDays(-2))
            .ShouldBeTrue("as of before the revocation");
        Reach.Allows(Supporter, With(Consent(Now.AddDays(1), Now.AddDays(10))), Purpose.ReadShared, Now).ShouldBeFalse("not yet granted");
    }

    [Fact]
    public void nobody_else_reaches_the_shared_view_and_no_clinician_or_admin_manages_consents()
    {
        var journey = new Journey { Id = ClientId, CareTeam = [Guid.NewGuid()] };
        var clinician = new Caller(journey.CareTeam[0], Roles.Clinician);
        foreach (var caller in new[] { Client, clinician, new Caller(Guid.NewGuid(), Roles.Admin) })
        {
            Reach.Allows(caller, journey, Purpose.ReadShared, Now).ShouldBeFalse(caller.Role);
            Reach.Allows(caller, journey, Purpose.ManageConsents, Now).ShouldBe(caller == Client, caller.Role);
        }
    }

    [Fact]
    public void a_grant_defaults_to_180_days_and_replaces_the_open_consent_at_the_same_instant()
    {
        var open = Consent(Now.AddDays(-30), Now.AddDays(150));
        var expiredButOpen = Consent(Now.AddDays(-400), Now.AddDays(-220));
        var consentId = Guid.NewGuid();

        var grant = new GrantConsent("friend", ["mood"], null).Decide(With(expiredButOpen, open), Supporter.Id, consentId, Client, Now);

        grant.Ended.Select(e => e.ConsentId).ShouldBe([expiredButOpen.ConsentId, open.ConsentId]);
        grant.Ended.ShouldAllBe(e => e.OccurredAt == Now);
        grant.Events[^1].ShouldBe(grant.Granted, "the new consent is written after the ends");
        var granted = grant.Granted;
        (granted.ConsentId, granted.ExpiresAt, granted.OccurredAt, granted.Scopes.Single()).ShouldBe((consentId, Now.AddDays(180), Now, "mood"));
        granted.RecordedBy.ShouldBe(Client.Recorder);
    }

    [Fact]
    public void revoking_without_an_open_consent_writes_nothing()
    {
        Consents.EndOpen(With(), Supporter.Id, Client, Now).ShouldBeEmpty();
        Consents.EndOpen(With(Consent(Now.AddDays(-9), Now.AddDays(9), Now.AddDays(-1))), Supporter.Id, Client, Now).ShouldBeEmpty();
    }
}
