using Microsoft.AspNetCore.Mvc;

namespace RecoveryLedger.Api.Hosting;

/// <summary>
/// RFC 9457 problem details for every error the API gives. Bodies name fields and say what
/// is wrong with them; they never echo submitted values (which may be personal).
/// </summary>
public static class Problems
{
    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is invalid.");

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>404 for anything out of the caller's reach: it must not reveal that the record exists.</summary>
    public static IResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
            detail: "No such resource, or it is out of your reach.");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    /// <summary>For middleware that writes the response itself (authentication events, exception handler).</summary>
    public static async Task Write(HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        });
    }
}
