namespace RecoveryLedger.Api.Hosting;

/// <summary>
/// Starts a hosted service once the web server serves (<c>ApplicationStarted</c>) and <c>delay</c> more has passed,
/// instead of before the web server: the host starts its hosted services one after the other before Kestrel listens,
/// so the readiness probe would also wait for work that answers no request. Used for Marten's async daemon (alert
/// pipeline, analytics): it resumes from its stored progress whenever it starts, so starting later delays that work by
/// as much and loses none (docs/design.md, "Async work starts after the node serves"). Stopping before the start
/// cancels it; a service whose start failed stops the application, as it would have at start-up.
/// </summary>
public sealed class DeferredStart(IHostedService inner, IHostApplicationLifetime lifetime, TimeSpan delay,
    ILogger<DeferredStart> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task _starting = Task.CompletedTask;
    private bool _innerStarting;
    private CancellationTokenRegistration _onStarted;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _onStarted = lifetime.ApplicationStarted.Register(() =>
        {
            lock (_gate)
                if (!_stopping.IsCancellationRequested) _starting = StartLater();
        });
        return Task.CompletedTask;
    }

    private async Task StartLater()
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, _stopping.Token);
            else await Task.Yield(); // never on the thread that raises ApplicationStarted
            lock (_gate)
            {
                if (_stopping.IsCancellationRequested) return;
                _innerStarting = true;
            }
            await inner.StartAsync(_stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "{Service} failed to start; stopping the application", inner.GetType().Name);
            lifetime.StopApplication();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _onStarted.DisposeAsync();
        Task starting;
        lock (_gate)
        {
            _stopping.Cancel();
            starting = _starting;
        }
        await starting;
        if (_innerStarting) await inner.StopAsync(cancellationToken);
    }

    public void Dispose()
    {
        _onStarted.Dispose();
        _stopping.Dispose();
    }

    /// <summary>
    /// Wraps the hosted services registered from <paramref name="from"/> on (by position) so they start deferred.
    /// </summary>
    public static void Defer(IServiceCollection services, int from, TimeSpan delay)
    {
        for (var i = from; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.IsKeyedService) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new DeferredStart(Resolve(sp, descriptor),
                sp.GetRequiredService<IHostApplicationLifetime>(), delay, sp.GetRequiredService<ILogger<DeferredStart>>()));
        }
    }

    private static IHostedService Resolve(IServiceProvider sp, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance as IHostedService
        ?? (IHostedService?)descriptor.ImplementationFactory?.Invoke(sp)
        ?? (IHostedService)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!);
}
