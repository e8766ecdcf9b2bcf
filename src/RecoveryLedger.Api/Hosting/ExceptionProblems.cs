using System.Text.Json;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;

namespace RecoveryLedger.Api.Hosting;

/// <summary>
/// The one place where exceptions become responses. Known failures get their contract status
/// (a lost race is 409, an oversized body 413, unreadable JSON 400); anything else is a 500
/// problem with a trace id and no internals. Exception messages are not logged verbatim
/// when they may carry submitted text.
/// </summary>
internal sealed class ExceptionProblems(ILogger<ExceptionProblems> logger, DatabaseOutage outage) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellation)
    {
        var (status, detail) = Classify(exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
            outage.Answered(RouteOf(http));
        else if (status == StatusCodes.Status500InternalServerError)
            logger.LogError("Unhandled {ExceptionType} on {Endpoint}", exception.GetType().FullName, RouteOf(http));
        else
            logger.LogInformation("{ExceptionType} answered with {Status}", exception.GetType().Name, status);

        if (http.Response.HasStarted) return false;
        http.Response.Clear();
        if (status == StatusCodes.Status503ServiceUnavailable)
            http.Response.Headers.RetryAfter = ((int)DatabaseOutage.RetryAfter.TotalSeconds).ToString();
        await Problems.Write(http, status, detail);
        return true;
    }

    /// <summary>The endpoint as its route pattern (<c>POST /api/clients/{clientId}/entries</c>): no ids in the log.</summary>
    private static string RouteOf(HttpContext http) =>
        // The exception handler runs with the endpoint cleared; the feature keeps the one that failed.
        $"{http.Request.Method} /{((http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint()) as RouteEndpoint)?.RoutePattern.RawText?.TrimStart('/') ?? "(no endpoint)"}";

    internal static (int Status, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, "The request body is too large."),
        BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
        JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON."),
        _ when DatabaseOutage.IsOutage(exception) =>
            (StatusCodes.Status503ServiceUnavailable, "The database is unavailable. Retry after the time Retry-After gives."),
        ConcurrencyException or DocumentAlreadyExistsException or ExistingStreamIdCollisionException or StreamLockedException =>
            (StatusCodes.Status409Conflict, "The record was changed by another request; reload and retry."),
        _ when LostToAnotherTransaction(exception) =>
            (StatusCodes.Status409Conflict, "The record was changed by another request; reload and retry."),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred. It has been logged."),
    };

    /// <summary>
    /// PostgreSQL chose this transaction as a deadlock victim (40P01) or could not serialise it (40001), or another
    /// transaction stored the same key first (23505, unique violation: e.g. the timeline's primary key, the last line of
    /// defence of idempotency): a race with another request, which the caller may retry — a 409, like the other lost races.
    /// </summary>
    private static bool LostToAnotherTransaction(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
            if (exception is Npgsql.PostgresException { SqlState: "40P01" or "40001" or "23505" }) return true;
        return false;
    }
}
