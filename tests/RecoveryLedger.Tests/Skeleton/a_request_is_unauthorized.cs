using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RecoveryLedger.Api.Identity;

namespace RecoveryLedger.Tests.Skeleton;

/// <summary>Every way a token can be unacceptable is a 401 problem with <c>WWW-Authenticate: Bearer</c>.</summary>
[Collection(ApiCollection.Name)]
public sealed class a_request_is_unauthorized(AppFixture app)
{
    private readonly ApiDriver _api = new(app);

    private async Task ShouldBeUnauthorized(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/clients/{Guid.NewGuid()}/timeline");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _api.Http.SendAsync(request);
        await response.ShouldBeProblem(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    private static string Token(Action<Dictionary<string, object>>? claims = null, string key = AppFixture.SigningKey,
        DateTime? expires = null, string issuer = "recoveryledger-dev", string audience = "recoveryledger", bool withExpiry = true)
    {
        var values = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["role"] = "clinician", ["tenant"] = "clinic-a" };
        claims?.Invoke(values);
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, Claims = values,
            IssuedAt = expires is { } e && e < now ? e.AddHours(-1) : now,
            NotBefore = expires is { } e2 && e2 < now ? e2.AddHours(-1) : now.AddSeconds(-5),
            Expires = withExpiry ? expires ?? now.AddHours(1) : null,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        };
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = withExpiry };
        return handler.CreateToken(descriptor);
    }

    [Fact] public Task without_a_token() => ShouldBeUnauthorized(null);
    [Fact] public Task with_a_garbage_token() => ShouldBeUnauthorized("not.a.jwt");
    [Fact] public Task with_a_bad_signature() => ShouldBeUnauthorized(Token(key: "another-key-that-is-long-enough-0123456789"));
    [Fact] public Task when_expired_beyond_the_30_second_skew() => ShouldBeUnauthorized(Token(expires: DateTime.UtcNow.AddSeconds(-45)));
    [Fact] public Task without_an_expiry() => ShouldBeUnauthorized(Token(withExpiry: false));
    [Fact] public Task with_the_wrong_issuer() => ShouldBeUnauthorized(Token(issuer: "someone-else"));
    [Fact] public Task with_the_wrong_audience() => ShouldBeUnauthorized(Token(audience: "someone-else"));
    [Fact] public Task without_a_tenant_claim() => ShouldBeUnauthorized(Token(c => c.Remove("tenant")));
    [Fact] public Task with_a_malformed_tenant_claim() => ShouldBeUnauthorized(Token(c => c["tenant"] = "Clinic A!"));
    [Fact] public Task without_a_subject() => ShouldBeUnauthorized(Token(c => c.Remove("sub")));
    [Fact] public Task with_a_subject_that_is_not_a_uuid() => ShouldBeUnauthorized(Token(c => c["sub"] = "alice"));

    [Fact]
    public void an_authority_s_metadata_and_keys_are_fetched_over_https_only_unless_a_test_says_otherwise()
    {
        new AuthOptions().RequireHttpsMetadata.ShouldBeTrue();
        app.Host.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>()
            .Get(JwtBearerDefaults.AuthenticationScheme).RequireHttpsMetadata.ShouldBeTrue();
    }

    [Fact]
    public async Task an_unknown_role_may_call_nothing()
    {
        var clinic = _api.NewClinic();
        var stranger = Tokens.Actor(app.Auth, "superuser", clinic);
        var response = await _api.Get($"/api/clients/{Guid.NewGuid()}/timeline", stranger);
        await response.ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_valid_token_within_the_skew_is_accepted()
    {
        var token = Token(c => c["tenant"] = _api.NewClinic(), expires: DateTime.UtcNow.AddSeconds(-10));
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/clients/{Guid.NewGuid()}/timeline");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await _api.Http.SendAsync(request);
        await response.ShouldBeProblem(HttpStatusCode.NotFound); // authenticated: the client is simply not in reach
    }
}
