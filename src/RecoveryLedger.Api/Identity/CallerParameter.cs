using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration.Model;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace RecoveryLedger.Api.Identity;

/// <summary>
/// Lets any endpoint, guard or decision take a <see cref="Caller"/> parameter: Wolverine reads it from the
/// validated token once per request, so no slice parses claims itself.
/// </summary>
public sealed class CallerParameter : IParameterStrategy
{
    public bool TryMatch(HttpChain chain, IServiceContainer container, ParameterInfo parameter, out Variable? variable)
    {
        variable = null;
        if (parameter.ParameterType != typeof(Caller)) return false;
        // One Caller per request, however many guards and decisions of the chain take it.
        variable = chain.Middleware.OfType<MethodCall>().FirstOrDefault(call => call.ReturnType == typeof(Caller))?.ReturnVariable;
        if (variable is not null) return true;
        var read = new MethodCall(typeof(Caller), nameof(Caller.FromContext));
        chain.Middleware.Add(read);
        variable = read.ReturnVariable;
        return true;
    }
}
