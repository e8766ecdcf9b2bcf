using System.Net.Sockets;
using Npgsql;

namespace RecoveryLedger.Api.Hosting;

/// <summary>
/// Tells "PostgreSQL cannot be reached" from a bug, and says so once per episode. While the database is
/// away every request is answered 503 with <c>Retry-After</c>; the first of an episode is logged as a
/// warning with the endpoint, the rest at debug, so an operator sees one line, not a stack trace per request.
/// </summary>
public sealed class DatabaseOutage(ILogger<DatabaseOutage> logger, TimeProvider clock)
{
    /// <summary>How long a client is asked to wait before retrying.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Failures further apart than this are separate episodes, each logged once.</summary>
    public static readonly TimeSpan Episode = TimeSpan.FromSeconds(30);

    private long _lastFailure = long.MinValue / 2;
    private long _answered;

    public static bool IsOutage(Exception exception) => exception switch
    {
        // Server-side: the connection was refused or the server is going away (class 08, 57P0x, too many connections).
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                                      || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException or EndOfStreamException } => true,
        NpgsqlException npgsql when npgsql.InnerException is null && npgsql.IsTransient => true,
        SocketException or EndOfStreamException => true,
        _ => exception.InnerException is { } inner && IsOutage(inner),
    };

    /// <summary>Counts a request answered 503; logs when it opens an episode.</summary>
    public void Answered(string endpoint)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Exchange(ref _lastFailure, now);
        var count = Interlocked.Increment(ref _answered);
        if (now - last > Episode.Ticks)
            logger.LogWarning("Database unavailable: answering 503 with Retry-After (first on {Endpoint}; {Answered} such answers since start)",
                endpoint, count);
        else
            logger.LogDebug("Database still unavailable: 503 on {Endpoint}", endpoint);
    }
}
