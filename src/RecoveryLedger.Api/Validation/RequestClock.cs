namespace RecoveryLedger.Api.Validation;

/// <summary>
/// One server time per request, read from the service's <see cref="TimeProvider"/> (tests move it) at the
/// first ask: the body's parser, the guards and the decision all see the same instant.
/// </summary>
public static class RequestClock
{
    private static readonly object Key = new();

    public static DateTimeOffset Now(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var now)) return (DateTimeOffset)now!;
        var read = http.RequestServices.GetRequiredService<TimeProvider>().Now();
        http.Items[Key] = read;
        return read;
    }
}
