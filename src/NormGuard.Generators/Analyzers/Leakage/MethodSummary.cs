using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>A method learns statistics from the rows of a slot: <see cref="Kind"/> says with what.</summary>
    internal sealed class FitEffect
    {
        public FitEffect(Slot slot, FitKind kind, bool whole, string site, IReadOnlyList<string> path)
        {
            Slot = slot;
            Kind = kind;
            Whole = whole;
            Site = site;
            Path = path;
        }

        public Slot Slot { get; }

        /// <summary>≥ 0: a fit only when the argument at this parameter is an estimator chain holding a normalizer
        /// (<c>TrainModel(ml, data, pipeline) =&gt; pipeline.Fit(data)</c>); such effects are judged at each call, not passed on.</summary>
        public int Needs { get; init; } = -1;

        /// <summary>Estimator (a normalizer), Add/Merge (a NormGuard fitter), or Helper (declared with <c>[FitsStatistics]</c>).</summary>
        public FitKind Kind { get; }

        /// <summary>The fit holds all of the slot's rows (else some of them).</summary>
        public bool Whole { get; }

        /// <summary>The fit itself: <c>Fit(rows) in Scaling.cs, line 12</c>.</summary>
        public string Site { get; }

        /// <summary>The methods the data passes through to reach the fit, outermost first (empty: the fit is in the method itself).</summary>
        public IReadOnlyList<string> Path { get; }

        public string Key => Slot.Ordinal + "|" + Slot.Member?.Name + "|" + Kind + "|" + Site + "|" + Needs;
    }

    /// <summary>A method splits the rows of a slot (a split call on them inside it, or in a method it calls).</summary>
    internal sealed class SplitEffect
    {
        public SplitEffect(Slot slot, string site, IReadOnlyList<string> path)
        {
            Slot = slot;
            Site = site;
            Path = path;
        }

        public Slot Slot { get; }

        public string Site { get; }

        public IReadOnlyList<string> Path { get; }

        public string Key => Slot.Ordinal + "|" + Slot.Member?.Name + "|" + Site;
    }

    /// <summary>
    /// What a method does with its data, as its callers need to know: which slots it fits statistics on, which it
    /// splits, whether it returns the parts of a split (a split helper) or an estimator chain holding a normalizer.
    /// Computed from the method's own code and, through <see cref="SummaryTable"/>, the summaries of what it calls.
    /// </summary>
    internal sealed class MethodSummary
    {
        private readonly Dictionary<string, FitEffect> _fits = new Dictionary<string, FitEffect>();
        private readonly Dictionary<string, SplitEffect> _splits = new Dictionary<string, SplitEffect>();

        public MethodSummary(ISymbol method)
        {
            Method = method;
        }

        /// <summary>The method (a field or property for an initializer's facts).</summary>
        public ISymbol Method { get; }

        public IEnumerable<FitEffect> Fits => _fits.Values;

        public IEnumerable<SplitEffect> Splits => _splits.Values;

        /// <summary>Non-null: the method returns the training and evaluation parts of its data (where it splits).</summary>
        public string? SplitHelper { get; set; }

        /// <summary>Non-null: the method returns an estimator chain that contains a normalizer (where it is made).</summary>
        public string? Normalizer { get; set; }

        /// <summary>Non-null: the method returns rows it fitted statistics on itself (with what, and where).</summary>
        public (FitKind Kind, string Site)? FittedData { get; set; }

        public bool IsEmpty => _fits.Count == 0 && _splits.Count == 0 && SplitHelper is null && Normalizer is null && FittedData is null;

        /// <summary>Adds an effect; true when it is new.</summary>
        public bool Add(FitEffect fit)
        {
            if (_fits.ContainsKey(fit.Key) || _fits.Count >= 32)
            {
                return false;
            }

            _fits.Add(fit.Key, fit);
            return true;
        }

        public bool Add(SplitEffect split)
        {
            if (_splits.ContainsKey(split.Key) || _splits.Count >= 32)
            {
                return false;
            }

            _splits.Add(split.Key, split);
            return true;
        }

        public IEnumerable<FitEffect> FitsOn(Slot slot) => _fits.Values.Where(f => f.Slot.Equals(slot));
    }

    /// <summary>A slot of the caller that an argument (or the receiver's field) of a call is made of.</summary>
    internal readonly struct SlotUse
    {
        public SlotUse(Slot slot, bool whole)
        {
            Slot = slot;
            Whole = whole;
        }

        public Slot Slot { get; }

        public bool Whole { get; }
    }

    /// <summary>A call from one summarized method to another, with the caller's slots each argument is made of.</summary>
    internal sealed class CallEdge
    {
        public CallEdge(IMethodSymbol callee, Dictionary<int, List<SlotUse>> arguments, bool onThis)
        {
            Callee = callee;
            Arguments = arguments;
            OnThis = onThis;
        }

        public IMethodSymbol Callee { get; }

        /// <summary>By the callee's parameter ordinal: the caller's slots the argument derives from.</summary>
        public Dictionary<int, List<SlotUse>> Arguments { get; }

        /// <summary>The callee runs on the caller's own object (or is static): its field slots are the caller's.</summary>
        public bool OnThis { get; }
    }

    /// <summary>What one method does by itself (its calls of other summarized methods kept apart): the input of <see cref="SummaryTable"/>.</summary>
    internal sealed class LocalFacts
    {
        public LocalFacts(ISymbol method)
        {
            Method = method;
            Own = new MethodSummary(method);
        }

        /// <summary>The method whose body this is (or the field or property whose initializer it is).</summary>
        public ISymbol Method { get; }

        /// <summary>The effects of the method's own fits and splits.</summary>
        public MethodSummary Own { get; }

        public List<CallEdge> Calls { get; } = new List<CallEdge>();

        /// <summary>Estimator fits whose chain comes from these methods or fields: a fit when one of them holds a normalizer.</summary>
        public List<(List<SlotUse> Data, List<ISymbol> From, string Site)> PendingFits { get; } = new List<(List<SlotUse>, List<ISymbol>, string)>();

        /// <summary>Methods and fields whose estimator chain the method returns.</summary>
        public List<ISymbol> NormalizerFrom { get; } = new List<ISymbol>();

        /// <summary>Fields and properties assigned an estimator chain here: with a normalizer (<c>From</c> empty) or from these.</summary>
        public List<(ISymbol Field, List<ISymbol> From, string Site)> FieldChains { get; } = new List<(ISymbol, List<ISymbol>, string)>();

        /// <summary>Methods whose result the method returns as its split parts.</summary>
        public List<IMethodSymbol> SplitHelperFrom { get; } = new List<IMethodSymbol>();

        /// <summary>Methods whose result the method returns as it came: rows they fitted are rows it returns.</summary>
        public List<ISymbol> FittedDataFrom { get; } = new List<ISymbol>();

        /// <summary>While the facts are built: the reach of each of the method's own fits, and the values it returns.</summary>
        public List<(Reach Reach, FitKind Kind, string Site)> FittedReaches { get; } = new List<(Reach, FitKind, string)>();

        public List<IOperation> Returned { get; } = new List<IOperation>();

        /// <summary>A manifest's training-split claim about rows from a method of the compilation, left to the compilation-end analysis.</summary>
        public bool ProvenanceDeferred { get; set; }

        /// <summary>The method's operations, kept for the compilation-end analysis when it calls summarized methods.</summary>
        public System.Collections.Immutable.ImmutableArray<IOperation> Blocks { get; set; }
    }
}
