using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace NormGuard.FlowPrototype.Flow;

/// <summary>Leaks found by every analysis of a compilation, deduplicated by place (the fixpoint visits a block many times,
/// and a helper is analysed alone and again inside each caller).</summary>
internal sealed class LeakEvents
{
    private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), string> _leaks = new();
    private int _failures;
    private int _analyses;

    public ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), string> Leaks => _leaks;

    /// <summary>Methods whose analysis threw or gave no result (a check that cannot decide; counted, never silent).</summary>
    public int Failures => _failures;

    public int Analyses => _analyses;

    public void Failed() => Interlocked.Increment(ref _failures);

    public void Analysed() => Interlocked.Increment(ref _analyses);

    public void Report(IOperation at, string message)
    {
        Location location = Place(at.Syntax);
        if (location.SourceTree is { } tree)
        {
            _leaks.TryAdd((tree, location.SourceSpan), message);
        }
    }

    /// <summary>The corpus convention: from the member name through the closing parenthesis, receiver excluded.</summary>
    private static Location Place(SyntaxNode syntax)
    {
        if (syntax is InvocationExpressionSyntax call)
        {
            SyntaxNode? name = call.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                MemberBindingExpressionSyntax binding => binding.Name,
                _ => null,
            };
            if (name is not null)
            {
                return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(name.SpanStart, call.Span.End));
            }
        }

        return syntax.GetLocation();
    }
}
