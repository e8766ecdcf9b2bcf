namespace RecoveryLedger.Tests.Support;

/// <summary>
/// The second layout of the suite: with <c>RL_TEST_CLINIC_DATABASES=2</c> (scripts/test sets it for a second
/// pass over the journey, alert and privacy tests) the shared host spreads its clinics over two databases of
/// their own (Marten database-per-tenant), and <see cref="ApiDriver.NewClinic"/> hands out the clinics of that
/// map in turn — every other test's clinic lives in the other database. Unset, clinics are made up freely and
/// all share one database, the default layout.
/// </summary>
public static class ClinicsApart
{
    /// <summary>Clinics per database: more than the tests of one pass ask for.</summary>
    private const int ClinicsPerDatabase = 1500;
    private static readonly string[] DatabaseNames = ["north", "south"];
    private static string[] _pool = [];
    private static int _next = -1;

    public static bool Enabled =>
        int.TryParse(Environment.GetEnvironmentVariable("RL_TEST_CLINIC_DATABASES"), out var count) && count > 1;

    /// <summary>The next clinic of the map, alternating between the databases; null when clinics share one.</summary>
    public static string? NextClinic()
    {
        if (_pool.Length == 0) return null;
        var n = Interlocked.Increment(ref _next);
        return n < _pool.Length ? _pool[n] : throw new InvalidOperationException($"ClinicsApart: more than {_pool.Length} clinics asked for; raise ClinicsPerDatabase.");
    }

    /// <summary>Two fresh databases and the <c>Clinics:Databases</c> settings that place the pool's clinics in them.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> Settings()
    {
        var settings = new Dictionary<string, string?>();
        if (!Enabled) return settings;
        var pool = new List<string>();
        foreach (var database in DatabaseNames)
        {
            settings[$"Clinics:Databases:{database}:ConnectionString"] = await TestHosts.NewDatabase($"clinics_{database}");
            for (var i = 0; i < ClinicsPerDatabase; i++)
                settings[$"Clinics:Databases:{database}:Clinics:{i}"] = $"{database}-{i:0000}";
        }
        // Interleaved, so consecutive clinics (and the two clinics of a cross-clinic test) are in different databases.
        for (var i = 0; i < ClinicsPerDatabase; i++) pool.AddRange(DatabaseNames.Select(d => $"{d}-{i:0000}"));
        _pool = [.. pool];
        return settings;
    }
}
