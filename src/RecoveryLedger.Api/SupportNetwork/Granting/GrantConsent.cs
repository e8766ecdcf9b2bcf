using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using RecoveryLedger.Api.Hosting;
using RecoveryLedger.Api.Hosting.OpenApi;
using RecoveryLedger.Api.Identity;
using RecoveryLedger.Api.Journeys;
using RecoveryLedger.Api.Validation;
using Wolverine.Http;
using Wolverine.Marten;

namespace RecoveryLedger.Api.SupportNetwork.Granting;

/// <summary>The body of <c>PUT /api/clients/{id}/supporters/{supporterId}</c>: what the supporter may see, and until when.</summary>
public sealed record GrantConsent(string Relationship, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt) : IStrictBody<GrantConsent>
{
    /// <summary>Consent is renewed, never forgotten: at most 180 days, and 180 days when not said.</summary>
    public static readonly TimeSpan LongestConsent = TimeSpan.FromDays(180);

    private static readonly WordField RelationshipField = new("relationship", true, Vocabulary.SupportRelationships);
    private static readonly WordsField ScopesField = new("scopes", true, Vocabulary.Scopes.All,
        "1 to 4 distinct scopes: streak (current, longest, total sober days), milestones, mood and craving (of the last 14 days' check-ins).");
    private static readonly InstantField ExpiresAtField = new("expiresAt", false,
        "In the future and at most 180 days ahead; 180 days after the grant when absent.");

    public static BodyShape Shape { get; } = new("A consent: who the supporter is to the client, what it may see, until when. " +
        "Granting again replaces the consent in force.", [RelationshipField, ScopesField, ExpiresAtField],
        now => new() { ["relationship"] = "sponsor", ["scopes"] = new System.Text.Json.Nodes.JsonArray("streak", "milestones"),
                       ["expiresAt"] = now.AddDays(90).ToString("yyyy-MM-ddTHH:mm:ssZ") });

    public static (GrantConsent? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request)
    {
        var errors = new ValidationErrors();
        var f = new JsonFields(body, "", errors);
        var relationship = f.Word(RelationshipField);
        var scopes = f.Words(ScopesField);
        var sent = body.ValueKind == JsonValueKind.Object && body.TryGetProperty(ScopesField.Name, out var array)
                   && array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : 0;
        if (scopes is not null && (scopes.Count == 0 || scopes.Count != sent))
            errors.Add(ScopesField.Name, "1 to 4 distinct scopes.");
        var expiresAt = f.Instant(ExpiresAtField);
        if (expiresAt is { } at && (at <= request.Now || at > request.Now + LongestConsent))
            errors.Add(ExpiresAtField.Name, "Must lie in the future and at most 180 days ahead.");
        return errors.Any || relationship is null || scopes is null ? (null, errors) : (new GrantConsent(relationship, scopes, expiresAt), errors);
    }

    /// <summary>A new consent; a consent of the same supporter that is still open ends at the same instant.</summary>
    public ConsentGrant Decide(Journey journey, Guid supporterId, Guid consentId, Caller caller, DateTimeOffset now) => new(
        [.. Consents.EndOpen(journey, supporterId, caller, now)],
        new SupporterConsentGranted(consentId, supporterId, Relationship, Scopes, ExpiresAt ?? now + LongestConsent, now, now, caller.Recorder));
}

/// <summary>What a grant writes: the end of the supporter's open consent, if any, then the new consent.</summary>
public sealed record ConsentGrant(IReadOnlyList<SupporterConsentRevoked> Ended, SupporterConsentGranted Granted)
{
    public IReadOnlyList<IJourneyEvent> Events => [.. Ended, Granted];
}

/// <summary>A consent as the contract shows it.</summary>
public sealed record ConsentView(Guid ConsentId, Guid SupporterId, string Relationship, IReadOnlyList<string> Scopes,
    DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static ConsentView Of(SupporterConsent c) => new(c.ConsentId, c.SupporterId, c.Relationship, c.Scopes, c.GrantedAt, c.ExpiresAt, c.RevokedAt);
}

/// <summary>The answer to a grant (a new consent is never revoked).</summary>
public sealed record GrantedConsent(Guid ConsentId, Guid SupporterId, string Relationship, IReadOnlyList<string> Scopes,
    DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// The client grants (or, again, replaces) a supporter's consent. The journey is locked: a racing grant or
/// revocation waits, then decides on what the winner wrote, so at most one consent per supporter is ever open.
/// </summary>
public static class GrantConsentEndpoint
{
    public static IResult Validate(Journey? journey, Guid supporterId, Caller caller, DateTimeOffset now) =>
        Reach.Guard(caller, journey, Purpose.ManageConsents, now) is var reach && reach is not WolverineContinue ? reach
        : supporterId == journey!.Id ? Problems.Validation("supporterId", "A client cannot be its own supporter.")
        : reach;

    [WolverinePut("/api/clients/{clientId}/supporters/{supporterId}", Name = "GrantConsent"), Authorize(Roles = Allow.Client)]
    [EndpointSummary("Grant or replace a supporter's consent (the client only)"), Tags("Support network"), JsonBody(typeof(GrantConsent))]
    [ProducesResponseType<GrantedConsent>(StatusCodes.Status200OK)]
    public static (IResult, Events) Put(GrantConsent command, Guid supporterId,
        [WriteAggregate("clientId", Required = false, LoadStyle = ConcurrencyStyle.Exclusive)] Journey journey, Caller caller, DateTimeOffset now)
    {
        var grant = command.Decide(journey, supporterId, Guid.CreateVersion7(now), caller, now);
        var granted = grant.Granted;
        return (TypedResults.Ok(new GrantedConsent(granted.ConsentId, supporterId, granted.Relationship, granted.Scopes, now, granted.ExpiresAt)),
            [.. grant.Events]);
    }
}
