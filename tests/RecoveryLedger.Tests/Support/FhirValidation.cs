using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace RecoveryLedger.Tests.Support;

/// <summary>
/// Firely's validator against the FHIR R4 base specification, offline: the core definitions come from the
/// <c>specification.zip</c> that Hl7.Fhir.Specification.Data.R4 copies beside the tests, codes of the core
/// value sets are checked by the local terminology service, nothing is fetched. Setting it up is slow, so a test
/// class takes it as a class fixture; the archive is read once per run (its source is thread-safe, the validator
/// is not, hence one validator per class).
/// </summary>
public sealed class FhirValidation
{
    private static readonly Lazy<ZipSource> Specification =
        new(() => ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip")));

    private readonly Validator _validator;

    public FhirValidation()
    {
        var resolver = new CachedResolver(Specification.Value, cacheDuration: 3600);
        _validator = new Validator(resolver, LocalTerminologyService.CreateDefaultForCore(resolver));
    }

    public IReadOnlyList<OperationOutcome.IssueComponent> Issues(Resource resource) => _validator.Validate(resource).Issue;

    /// <summary>Fails with every issue (errors and warnings) listed unless the validator reports no error.</summary>
    public IReadOnlyList<OperationOutcome.IssueComponent> ShouldHaveNoErrors(Resource resource)
    {
        var issues = Issues(resource);
        var errors = issues.Count(IsError);
        if (errors > 0)
            throw new ShouldAssertException($"The validator reports {errors} error(s):{Environment.NewLine}{Describe(issues)}");
        return issues;
    }

    public static bool IsError(OperationOutcome.IssueComponent issue) =>
        issue.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal;

    public static string Describe(IEnumerable<OperationOutcome.IssueComponent> issues) => string.Join(Environment.NewLine,
        issues.Select(i => $"  {i.Severity} {i.Code} at {string.Join(", ", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}"));
}
