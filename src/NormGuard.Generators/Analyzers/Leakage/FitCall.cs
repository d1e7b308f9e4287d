using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace NormGuard.Generators.Analyzers.Leakage
{
    internal enum FitKind
    {
        /// <summary><c>FeatureSetFitter&lt;T&gt;.Add</c>.</summary>
        Add,

        /// <summary><c>FeatureSetFitter&lt;T&gt;.Merge</c>.</summary>
        Merge,

        /// <summary><c>IEstimator&lt;T&gt;.Fit(IDataView)</c>; a leak only if the estimator contains a normalizer.</summary>
        Estimator,

        /// <summary>A call of a method of this compilation (or one marked <c>[FitsStatistics]</c>) that fits on this data.</summary>
        Helper,
    }

    /// <summary>What a helper call fits, and where: for the message.</summary>
    internal sealed class HelperFit
    {
        public HelperFit(string callee, FitKind kind, string trail, Slot slot)
        {
            Callee = callee;
            Kind = kind;
            Trail = trail;
            Slot = slot;
        }

        /// <summary>The callee's parameter or field the data stands for.</summary>
        public Slot Slot { get; }

        /// <summary>The method called here: <c>ScaleFeatures</c>.</summary>
        public string Callee { get; }

        /// <summary>What the statistics are fitted with in the end: a normalizer (Estimator) or a NormGuard fitter (Add, Merge).</summary>
        public FitKind Kind { get; }

        /// <summary>Where it fits, for the message: <c>its parameter 'rows', Fit(rows) in Scaling.cs line 12</c>.</summary>
        public string Trail { get; }
    }

    /// <summary>A call that learns statistics from data.</summary>
    internal sealed class FitCall
    {
        private FitCall(IInvocationOperation invocation, FitKind kind)
        {
            Operation = invocation;
            Invocation = invocation;
            Kind = kind;
            Data = DataRef.Of(invocation.Arguments[0].Value);
        }

        public FitCall(IOperation call, DataRef data, HelperFit helper)
        {
            Operation = call;
            Invocation = call as IInvocationOperation;
            Kind = FitKind.Helper;
            Data = data;
            Helper = helper;
        }

        /// <summary>The call: an invocation, or for a helper also an object creation (a constructor that fits).</summary>
        public IOperation Operation { get; }

        public IInvocationOperation? Invocation { get; }

        public FitKind Kind { get; }

        public DataRef Data { get; }

        /// <summary>For <see cref="FitKind.Helper"/>: what the callee fits.</summary>
        public HelperFit? Helper { get; }

        /// <summary>The data is an object that holds the fitted rows (<c>loaded</c> of <c>new Loaded(rows, fitter)</c>): a split
        /// of any of its members splits fitted rows, though the object itself is no collection.</summary>
        public bool Container { get; init; }

        /// <summary>The kind of statistics fitted in the end (for a helper, its callee's).</summary>
        public FitKind Fitted => Helper?.Kind ?? Kind;

        /// <summary>Cheap enough for every invocation of a compilation: a name test first, type tests after.</summary>
        public static FitCall? TryCreate(IInvocationOperation invocation, LeakageSymbols symbols)
        {
            IMethodSymbol method = invocation.TargetMethod;
            string name = method.Name;
            if (invocation.Arguments.Length == 0)
            {
                return null;
            }

            if (name is "Add" or "Merge")
            {
                if (symbols.Fitter is null || invocation.Arguments.Length != 1)
                {
                    return null;
                }

                ITypeSymbol? receiver = invocation.Instance?.Type ?? method.ContainingType;
                return LeakageSymbols.DerivesFrom(receiver, symbols.Fitter) && LeakageSymbols.DerivesFrom(method.ContainingType, symbols.Fitter)
                    ? new FitCall(invocation, name == "Add" ? FitKind.Add : FitKind.Merge)
                    : null;
            }

            if (name == "Fit" && symbols.Estimator is not null && invocation.Instance is { } instance && method.Parameters.Length >= 1
                && symbols.IsDataView(method.Parameters[0].Type)
                && instance.Type is { } type && LeakageSymbols.Implements(type, symbols.Estimator))
            {
                return new FitCall(invocation, FitKind.Estimator);
            }

            return null;
        }

        /// <summary>The fit's name and arguments (<c>Fit(data)</c>, <c>Add(rows)</c>): precise in a long <c>Append</c> chain.</summary>
        public Location Location
        {
            get
            {
                SyntaxNode syntax = Operation.Syntax;
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

        /// <summary>The receiver's text for a message: <c>fitter</c>, <c>pipeline</c>.</summary>
        public string Receiver
        {
            get
            {
                switch (Invocation?.Instance)
                {
                    case IConditionalAccessInstanceOperation:
                        // fitter?.Add(rows): the receiver is the conditional access's operand.
                        for (IOperation? parent = Operation.Parent; parent is not null; parent = parent.Parent)
                        {
                            if (parent is IConditionalAccessOperation access)
                            {
                                return Operations.Display(access.Operation);
                            }
                        }

                        return "this";
                    case { IsImplicit: false } instance:
                        return Operations.Display(instance);
                    default:
                        return "this";
                }
            }
        }
    }
}
