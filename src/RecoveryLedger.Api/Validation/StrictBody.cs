using System.Reflection;
using System.Text.Json;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using JasperFx.Core.Reflection;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace RecoveryLedger.Api.Validation;

/// <summary>
/// A request body read by its own strict parser rather than by a serializer: errors keyed by JSON path,
/// instants that must carry an offset, integers that must be integers (docs/design.md says why).
/// </summary>
public interface IStrictBody<TSelf> where TSelf : class, IStrictBody<TSelf>
{
    /// <summary>The command, or null and every error; <paramref name="request"/> says who asks and when.</summary>
    static abstract (TSelf? Command, ValidationErrors Errors) Parse(JsonElement body, RequestFacts request);

    /// <summary>The fields <see cref="Parse"/> reads, for the OpenAPI document, with an example it accepts.</summary>
    static abstract BodyShape Shape { get; }

    /// <summary>What a request without a body means, if the body is optional; null: a body is required.</summary>
    static virtual TSelf? WhenAbsent => null;
}

/// <summary>What a parser may need besides the body: the caller (defaults depend on the role) and the server time.</summary>
public sealed record RequestFacts(Identity.Caller Caller, DateTimeOffset Now)
{
    public static RequestFacts Of(HttpContext http) => new(Identity.Caller.From(http.User), RequestClock.Now(http));
}

public static class StrictBody
{
    /// <summary>The typed command, or the 400 that names every invalid field.</summary>
    public static async Task<(T? Command, IResult Outcome)> Read<T>(HttpContext http) where T : class, IStrictBody<T>
    {
        var request = http.Request;
        if (T.WhenAbsent is { } absent && JsonBody.IsAbsent(request)) return (absent, WolverineContinue.Result());
        var (document, problem) = await JsonBody.ReadObject(request);
        if (problem is not null) return (null, problem);
        using var _ = document;
        var (command, errors) = T.Parse(document!.RootElement, RequestFacts.Of(http));
        return command is null || errors.Any
            ? (null, Hosting.Problems.Validation(errors.ToDictionary()))
            : (command, WolverineContinue.Result());
    }
}

/// <summary>
/// Wolverine binds an endpoint parameter whose type is an <see cref="IStrictBody{TSelf}"/> by its parser, as
/// the very first step of the request: a bad body is answered before any session is opened or stream locked.
/// </summary>
public sealed class StrictBodyParameter : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = null;
        var type = parameter.ParameterType;
        if (!type.Closes(typeof(IStrictBody<>))) return false;
        // Read once, however many of the chain's methods (guards, the endpoint) take the command.
        var existing = chain.Middleware.OfType<ReadStrictBodyFrame>().FirstOrDefault(frame => frame.Command.VariableType == type);
        if (existing is not null)
        {
            variable = existing.Command;
            return true;
        }
        var frame = new ReadStrictBodyFrame(type);
        chain.Middleware.Insert(0, frame);
        variable = frame.Command;
        return true;
    }

    private sealed class ReadStrictBodyFrame : AsyncFrame
    {
        private readonly Type _type;

        public ReadStrictBodyFrame(Type type)
        {
            _type = type;
            Command = new Variable(type, "command", this);
        }

        public Variable Command { get; }

        public override void GenerateCode(GeneratedMethod method, ISourceWriter writer)
        {
            var outcome = Command.Usage + "Outcome";
            writer.WriteLine($"(var {Command.Usage}, var {outcome}) = await {typeof(StrictBody).FullNameInCode()}.Read<{_type.FullNameInCode()}>(httpContext).ConfigureAwait(false);");
            writer.Write($"BLOCK:if (!({outcome} is {typeof(WolverineContinue).FullNameInCode()}))");
            writer.WriteLine($"await {outcome}.ExecuteAsync(httpContext).ConfigureAwait(false);");
            writer.WriteLine("return;");
            writer.FinishBlock();
            Next?.GenerateCode(method, writer);
        }
    }
}
