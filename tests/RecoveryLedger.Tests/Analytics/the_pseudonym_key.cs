using RecoveryLedger.Api.Analytics;

namespace RecoveryLedger.Tests.Analytics;

public sealed class the_pseudonym_key
{
    [Fact]
    public async Task is_required_to_start_the_service_outside_development()
    {
        var pseudonyms = Pseudonyms.From(new AnalyticsOptions(), isDevelopment: false); // commands without analytics still build
        pseudonyms.HasKey.ShouldBeFalse();
        await Should.ThrowAsync<InvalidOperationException>(() => new PseudonymKeyCheck(pseudonyms).StartAsync(CancellationToken.None));
        Should.Throw<InvalidOperationException>(() => pseudonyms.Of("clinic-a", Guid.NewGuid()));
    }

    [Fact]
    public void keys_pseudonyms_per_clinic_and_client()
    {
        var pseudonyms = Pseudonyms.From(new AnalyticsOptions { PseudonymKey = "k1" }, isDevelopment: false);
        var other = Pseudonyms.From(new AnalyticsOptions { PseudonymKey = "k2" }, isDevelopment: false);
        var client = Guid.NewGuid();
        pseudonyms.Of("clinic-a", client).ShouldBe(pseudonyms.Of("clinic-a", client));
        pseudonyms.Of("clinic-a", client).ShouldNotBe(pseudonyms.Of("clinic-b", client));
        pseudonyms.Of("clinic-a", client).ShouldNotBe(other.Of("clinic-a", client));
        pseudonyms.Of("clinic-a", client).ShouldNotBe(client);
    }
}
