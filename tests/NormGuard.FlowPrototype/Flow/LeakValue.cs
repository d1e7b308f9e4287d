using System;
using System.Collections.Immutable;
using System.Linq;
using Analyzer.Utilities;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis.DataFlow;

namespace NormGuard.FlowPrototype.Flow;

/// <summary>
/// A call that learned statistics, with the calls that led to it from the method analysed at the top (bottom first):
/// the frames where a diagnostic can be placed. Compared by syntax, because each analysis builds its own operations.
/// </summary>
internal sealed class FitSite : IEquatable<FitSite>
{
    public FitSite(IOperation fit, ImmutableArray<IOperation> chain)
    {
        Fit = fit;
        Chain = chain;
    }

    public IOperation Fit { get; }

    /// <summary>The call operations of the interprocedural call stack when the fit ran, outermost first.</summary>
    public ImmutableArray<IOperation> Chain { get; }

    /// <summary>The operation at frame <paramref name="depth"/>: a call of the chain, or the fit itself past its end.</summary>
    public IOperation Frame(int depth) => depth < Chain.Length ? Chain[depth] : Fit;

    public bool Equals(FitSite? other) =>
        other is not null && other.Fit.Syntax == Fit.Syntax && other.Chain.Length == Chain.Length
        && Chain.Select(c => c.Syntax).SequenceEqual(other.Chain.Select(c => c.Syntax));

    public override bool Equals(object? obj) => Equals(obj as FitSite);

    public override int GetHashCode() => Chain.Aggregate(Fit.Syntax.GetHashCode(), (h, c) => (h * 31) + c.Syntax.GetHashCode());
}

/// <summary>
/// What the prototype knows about a value or an object (an abstract location of points-to analysis): the data objects it
/// was computed from, the fits that learned from it (kept on the data objects) or whose statistics it carries (a fitted
/// transformer and what it transforms), whether it is evaluation data, and whether it is an estimator that fits statistics.
/// A join semilattice: union of sets, minimum of the evaluation depth, or of flags.
/// </summary>
internal sealed class LeakValue : CacheBasedEquatable<LeakValue>
{
    public const int NotEvaluation = int.MaxValue;

    public static readonly LeakValue None = new(ImmutableHashSet<AbstractLocation>.Empty, ImmutableHashSet<FitSite>.Empty, ImmutableHashSet<FitSite>.Empty, NotEvaluation, statistical: false, splitSeen: false);

    public LeakValue(ImmutableHashSet<AbstractLocation> origins, ImmutableHashSet<FitSite> fits, ImmutableHashSet<FitSite> fitsOnSplitWhole, int evaluationDepth, bool statistical, bool splitSeen)
    {
        Origins = origins;
        Fits = fits;
        FitsOnSplitWhole = fitsOnSplitWhole;
        EvaluationDepth = evaluationDepth;
        Statistical = statistical;
        SplitSeen = splitSeen;
    }

    /// <summary>The data objects this value was derived from (a loaded view, a list of rows, a split's part).</summary>
    public ImmutableHashSet<AbstractLocation> Origins { get; }

    /// <summary>On a data object: fits that learned from it. On a transformer or transformed data: the fits it applies.</summary>
    public ImmutableHashSet<FitSite> Fits { get; }

    /// <summary>On a transformer: fits made on data that had already been split (the whole, with its evaluation part).</summary>
    public ImmutableHashSet<FitSite> FitsOnSplitWhole { get; }

    /// <summary>Frame depth where the value became evaluation data (<see cref="NotEvaluation"/> if it is not).</summary>
    public int EvaluationDepth { get; }

    public bool IsEvaluation => EvaluationDepth != NotEvaluation;

    /// <summary>An ML.NET estimator (chain) with a step that learns statistics (normalizer, PCA, fitted imputer…).</summary>
    public bool Statistical { get; }

    /// <summary>On a data object: a split of it has been made.</summary>
    public bool SplitSeen { get; }

    public bool IsNone => Origins.IsEmpty && Fits.IsEmpty && FitsOnSplitWhole.IsEmpty && !IsEvaluation && !Statistical && !SplitSeen;

    public LeakValue With(ImmutableHashSet<AbstractLocation>? origins = null, ImmutableHashSet<FitSite>? fits = null, ImmutableHashSet<FitSite>? fitsOnSplitWhole = null, int? evaluationDepth = null, bool? statistical = null, bool? splitSeen = null) =>
        new(origins ?? Origins, fits ?? Fits, fitsOnSplitWhole ?? FitsOnSplitWhole, evaluationDepth ?? EvaluationDepth, statistical ?? Statistical, splitSeen ?? SplitSeen);

    public static LeakValue Merge(LeakValue a, LeakValue b)
    {
        if (a.IsNone || ReferenceEquals(a, b))
        {
            return b;
        }

        if (b.IsNone)
        {
            return a;
        }

        return new LeakValue(a.Origins.Union(b.Origins), a.Fits.Union(b.Fits), a.FitsOnSplitWhole.Union(b.FitsOnSplitWhole),
            Math.Min(a.EvaluationDepth, b.EvaluationDepth), a.Statistical || b.Statistical, a.SplitSeen || b.SplitSeen);
    }

    /// <summary>Whether <paramref name="smaller"/> ⊑ <paramref name="larger"/> in the lattice.</summary>
    public static bool Below(LeakValue smaller, LeakValue larger) =>
        smaller.Origins.IsSubsetOf(larger.Origins) && smaller.Fits.IsSubsetOf(larger.Fits) && smaller.FitsOnSplitWhole.IsSubsetOf(larger.FitsOnSplitWhole)
        && smaller.EvaluationDepth >= larger.EvaluationDepth && (!smaller.Statistical || larger.Statistical) && (!smaller.SplitSeen || larger.SplitSeen);

    protected override void ComputeHashCodeParts(ref RoslynHashCode hashCode)
    {
        // Sets hash without regard to order: equal sets may iterate differently.
        hashCode.Add(Origins.Aggregate(0, (h, o) => h ^ o.GetHashCode()));
        hashCode.Add(Fits.Aggregate(0, (h, f) => h ^ f.GetHashCode()));
        hashCode.Add(FitsOnSplitWhole.Aggregate(0, (h, f) => h ^ f.GetHashCode()));
        hashCode.Add(EvaluationDepth);
        hashCode.Add(Statistical);
        hashCode.Add(SplitSeen);
    }

    protected override bool ComputeEqualsByHashCodeParts(CacheBasedEquatable<LeakValue> obj)
    {
        var other = (LeakValue)obj;
        return Origins.SetEquals(other.Origins) && Fits.SetEquals(other.Fits) && FitsOnSplitWhole.SetEquals(other.FitsOnSplitWhole)
            && EvaluationDepth == other.EvaluationDepth && Statistical == other.Statistical && SplitSeen == other.SplitSeen;
    }
}

internal sealed class LeakValueDomain : AbstractValueDomain<LeakValue>
{
    public static readonly LeakValueDomain Instance = new();

    public override LeakValue UnknownOrMayBeValue => LeakValue.None;

    public override LeakValue Bottom => LeakValue.None;

    public override LeakValue Merge(LeakValue value1, LeakValue value2) => LeakValue.Merge(value1, value2);

    public override int Compare(LeakValue oldValue, LeakValue newValue, bool assertMonotonicity)
    {
        if (oldValue.Equals(newValue))
        {
            return 0;
        }

        return LeakValue.Below(oldValue, newValue) ? -1 : 1;
    }
}
