namespace RecoveryLedger.Api.Validation;

public static class ParsedQuery
{
    /// <summary>
    /// A parsed query string as a Wolverine <c>Load</c> step answers it: the query and "go on", or a 400 naming
    /// every bad parameter before anything else is asked.
    /// </summary>
    public static (T?, IResult) Loaded<T>(this (T? Query, ValidationErrors Errors) parsed) where T : class =>
        parsed.Query is not null && !parsed.Errors.Any
            ? (parsed.Query, Wolverine.Http.WolverineContinue.Result())
            : (null, Hosting.Problems.Validation(parsed.Errors.ToDictionary()));
}
