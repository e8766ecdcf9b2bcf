using Marten;
using Marten.Storage;
using Weasel.Postgresql.Connections;

namespace RecoveryLedger.Api.Hosting;

/// <summary>
/// Marten's static database-per-tenant map, with one check corrected. <c>StaticMultiTenancy</c> answers
/// "is this tenant stored in this database?" by looking the tenant id up among the *database* identifiers
/// (Marten 9.58), so <c>ForTenant(clinic)</c> — which the Analytics projection uses to write a clinic's
/// documents from a page of events — throws for every clinic of a database that holds several. Here the
/// answer comes from the tenant's own database. Everything else is Marten's.
/// </summary>
internal sealed class ClinicTenancy(StoreOptions options)
    : StaticMultiTenancy(new DefaultNpgsqlDataSourceFactory(), options), ITenancy
{
    bool ITenancy.IsTenantStoredInCurrentDatabase(IMartenDatabase database, string tenantId)
    {
        try
        {
            return ReferenceEquals(GetTenant(tenantId).Database, database);
        }
        catch (JasperFx.MultiTenancy.UnknownTenantIdException)
        {
            return false;
        }
    }

    /// <summary>What <c>StoreOptions.MultiTenantedDatabases</c> does, with this tenancy instead of Marten's.</summary>
    public static void Place(StoreOptions options, ClinicDatabases clinics)
    {
        options.Advanced.DefaultTenantUsageEnabled = false;
        var tenancy = new ClinicTenancy(options);
        foreach (var (name, database) in clinics.Databases)
            tenancy.AddMultipleTenantDatabase(PersistenceSetup.WithConnectTimeout(database.ConnectionString), name)
                .ForTenants([.. database.Clinics]);
        options.Tenancy = tenancy;
    }
}
