using Microsoft.Extensions.Configuration;
using RecoveryLedger.Api.Hosting;

namespace RecoveryLedger.Tests.ScaleOut;

/// <summary>
/// <c>Clinics:Databases</c> decides where a clinic's records are written: a map that is wrong in any way stops
/// the service at start, naming what is wrong (and never echoing a connection string, which may hold a password).
/// </summary>
public sealed class the_clinic_map
{
    private const string Db = "Host=db-north.internal;Database=north;Username=rl;Password=secret-pw";

    private static ClinicDatabases From(params (string Key, string Value)[] settings) =>
        ClinicDatabases.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void without_one_every_clinic_shares_the_one_database()
    {
        var map = From();
        map.Spread.ShouldBeFalse();
        map.Serves("any-clinic").ShouldBeTrue();
    }

    [Fact]
    public void with_one_only_the_listed_clinics_are_served()
    {
        var map = From(("Clinics:Databases:north:ConnectionString", Db), ("Clinics:Databases:north:Clinics:0", "clinic-a"),
            ("Clinics:Databases:south:ConnectionString", Db.Replace("north", "south")), ("Clinics:Databases:south:Clinics:0", "clinic-b"));
        map.Spread.ShouldBeTrue();
        map.Serves("clinic-a").ShouldBeTrue();
        map.Serves("clinic-b").ShouldBeTrue();
        map.Serves("clinic-c").ShouldBeFalse();
        map.Serves(null).ShouldBeFalse();
    }

    [Theory]
    [InlineData("clinic 'clinic-a' is listed under several databases (north, south)",
        "north", Db, "clinic-a", "south", Db, "clinic-a")]
    [InlineData("database 'north' has no ConnectionString", "north", "", "clinic-a", null, null, null)]
    [InlineData("database 'north' has a malformed ConnectionString", "north", "Host=x;NoSuchKeyword=1", "clinic-a", null, null, null)]
    [InlineData("clinic 'Clinic A' of database 'north' must match", "north", Db, "Clinic A", null, null, null)]
    [InlineData("database name 'North' must match", "North", Db, "clinic-a", null, null, null)]
    public void a_wrong_map_stops_the_service_naming_the_fault(string fault, string db1, string cs1, string clinic1,
        string? db2, string? cs2, string? clinic2)
    {
        var settings = new List<(string, string)>
        {
            ($"Clinics:Databases:{db1}:ConnectionString", cs1), ($"Clinics:Databases:{db1}:Clinics:0", clinic1),
        };
        if (db2 is not null) settings.AddRange([($"Clinics:Databases:{db2}:ConnectionString", cs2!), ($"Clinics:Databases:{db2}:Clinics:0", clinic2!)]);
        var refused = Should.Throw<InvalidOperationException>(() => From([.. settings]));
        refused.Message.ShouldContain(fault);
        refused.Message.ShouldNotContain("secret-pw");
    }

    [Fact]
    public void a_database_without_clinics_is_refused()
    {
        Should.Throw<InvalidOperationException>(() => From(("Clinics:Databases:north:ConnectionString", Db)))
            .Message.ShouldContain("database 'north' lists no Clinics");
    }
}
