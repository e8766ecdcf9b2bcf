using System.Reflection;
using JasperFx;
using JasperFx.Core.Reflection;
using JasperFx.CodeGeneration.Model;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace RecoveryLedger.Api.Validation;

/// <summary>
/// <c>DateTimeOffset now</c> in an endpoint is the service's <see cref="TimeProvider"/>, normalised to the
/// contract's millisecond precision, one instant per request (<see cref="RequestClock"/>) (Wolverine's own <c>now</c> reads the system clock, which tests cannot move).
/// </summary>
public sealed class NowParameter : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = parameter is { Name: "now" } && parameter.ParameterType == typeof(DateTimeOffset)
            ? new Variable(typeof(DateTimeOffset), $"{typeof(RequestClock).FullNameInCode()}.{nameof(RequestClock.Now)}(httpContext)")
            : null;
        return variable is not null;
    }
}
