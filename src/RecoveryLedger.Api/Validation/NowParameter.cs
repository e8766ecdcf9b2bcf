using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace RecoveryLedger.Api.Validation;

/// <summary>
/// <c>DateTimeOffset now</c> in an endpoint is the service's <see cref="TimeProvider"/>, normalised to the
/// contract's millisecond precision (Wolverine's own <c>now</c> reads the system clock, which tests cannot move).
/// </summary>
public sealed class NowParameter : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = parameter is { Name: "now" } && parameter.ParameterType == typeof(DateTimeOffset)
            ? new MethodCall(typeof(Instants), nameof(Instants.Now)).ReturnVariable
            : null;
        return variable is not null;
    }
}
