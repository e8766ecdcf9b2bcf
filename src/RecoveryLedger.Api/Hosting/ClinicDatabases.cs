using Npgsql;
using RecoveryLedger.Api.Identity;

namespace RecoveryLedger.Api.Hosting;

/// <summary>One PostgreSQL database of a clinic network and the clinics whose records it holds.</summary>
public sealed class ClinicDatabase
{
    public string ConnectionString { get; set; } = "";
    public List<string> Clinics { get; set; } = [];
}

/// <summary>
/// <c>Clinics:Databases</c>: where each clinic's records live when clinics are spread over databases
/// (docs/operations.md, "Scale-out: databases"). Empty — the default — means one database,
/// <c>ConnectionStrings:Postgres</c>, for every clinic. When set, every clinic a token may name is listed
/// under exactly one database; <c>ConnectionStrings:Postgres</c> then holds only the cluster's own
/// bookkeeping (Wolverine's nodes and untenanted messages), no clinic's records.
/// </summary>
public sealed class ClinicDatabases
{
    public const string Section = "Clinics:Databases";

    private readonly HashSet<string> _served;

    public ClinicDatabases(IReadOnlyDictionary<string, ClinicDatabase> databases)
    {
        Databases = databases;
        _served = databases.Values.SelectMany(d => d.Clinics).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, ClinicDatabase> Databases { get; }

    /// <summary>True when clinics live in databases of their own (Marten database-per-tenant).</summary>
    public bool Spread => Databases.Count > 0;

    /// <summary>Whether this deployment holds the clinic's records: always, with one shared database.</summary>
    public bool Serves(string? clinic) => !Spread || clinic is not null && _served.Contains(clinic);

    /// <summary>Why an operator command may not work on the clinic; null when it may.</summary>
    public string? Refusal(string clinic) =>
        Serves(clinic) ? null : $"Clinic '{clinic}' is not on {Section}: this deployment holds no records of it.";

    public static ClinicDatabases From(IConfiguration configuration)
    {
        var databases = configuration.GetSection(Section).Get<Dictionary<string, ClinicDatabase>>() ?? [];
        var map = new ClinicDatabases(databases);
        map.Check();
        return map;
    }

    /// <summary>A wrong map would put a clinic's records where nobody looks for them: refuse to start.</summary>
    private void Check()
    {
        var problems = new List<string>();
        foreach (var (name, database) in Databases)
        {
            if (!TokenClaims.IsWellFormedTenant(name))
                problems.Add($"database name '{name}' must match [a-z0-9-]{{1,63}}");
            if (string.IsNullOrWhiteSpace(database.ConnectionString))
                problems.Add($"database '{name}' has no ConnectionString");
            else if (!IsConnectionString(database.ConnectionString))
                problems.Add($"database '{name}' has a malformed ConnectionString");
            if (database.Clinics.Count == 0)
                problems.Add($"database '{name}' lists no Clinics");
            problems.AddRange(database.Clinics.Where(c => !TokenClaims.IsWellFormedTenant(c))
                .Select(c => $"clinic '{c}' of database '{name}' must match [a-z0-9-]{{1,63}}"));
        }
        problems.AddRange(Databases.SelectMany(d => d.Value.Clinics.Select(c => (Clinic: c, Database: d.Key)))
            .GroupBy(x => x.Clinic).Where(g => g.Count() > 1)
            .Select(g => $"clinic '{g.Key}' is listed under several databases ({string.Join(", ", g.Select(x => x.Database))})"));
        if (problems.Count > 0)
            throw new InvalidOperationException($"{Section} is not a usable map: {string.Join("; ", problems)}.");
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
