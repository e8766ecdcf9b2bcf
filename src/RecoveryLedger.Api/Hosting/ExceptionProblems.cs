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
internal sealed class ExceptionProblems(ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellation)
    {
        var (status, detail) = Classify(exception);
        if (status == StatusCodes.Status500InternalServerError)
            logger.LogError("Unhandled {ExceptionType} on {Method} {Route}", exception.GetType().FullName,
                http.Request.Method, http.GetEndpoint()?.DisplayName);
        else
            logger.LogInformation("{ExceptionType} answered with {Status}", exception.GetType().Name, status);

        if (http.Response.HasStarted) return false;
        http.Response.Clear();
        await Problems.Write(http, status, detail);
        return true;
    }

    internal static (int Status, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (StatusCodes.Status413PayloadTooLarge, "The request body is too large."),
        BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
        JsonException => (StatusCodes.Status400BadRequest, "The request body is not valid JSON."),
        ConcurrencyException or DocumentAlreadyExistsException or ExistingStreamIdCollisionException or StreamLockedException =>
            (StatusCodes.Status409Conflict, "The record was changed by another request; reload and retry."),
        _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred. It has been logged."),
    };
}
