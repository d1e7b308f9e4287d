using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Analyzer.Utilities;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis.DataFlow;
using Microsoft.CodeAnalysis.FlowAnalysis.DataFlow.CopyAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis.DataFlow.PointsToAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis.DataFlow.ValueContentAnalysis;

namespace NormGuard.FlowPrototype.Flow;

using CopyAnalysisResult = DataFlowAnalysisResult<CopyBlockAnalysisResult, CopyAbstractValue>;
using LeakData = DictionaryAnalysisData<AbstractLocation, LeakValue>;
using LeakDomain = MapAbstractDomain<AbstractLocation, LeakValue>;
using ValueContentAnalysisResult = DataFlowAnalysisResult<ValueContentBlockAnalysisResult, ValueContentAbstractValue>;

/// <summary>The state at the end of a basic block (required by the framework; the prototype reads only its own events).</summary>
internal sealed class LeakBlockResult : AbstractBlockAnalysisResult
{
    public LeakBlockResult(BasicBlock block, LeakData data)
        : base(block)
    {
        Data = data.ToImmutableDictionary();
    }

    public ImmutableDictionary<AbstractLocation, LeakValue> Data { get; }
}

internal sealed class LeakResult : DataFlowAnalysisResult<LeakBlockResult, LeakValue>
{
    public LeakResult(DataFlowAnalysisResult<LeakBlockResult, LeakValue> result)
        : base(result)
    {
    }
}

/// <summary>The context of one (top-level or interprocedural) analysis: the framework's, plus the vocabulary and where leaks go.</summary>
internal sealed class LeakContext : AbstractDataFlowAnalysisContext<LeakData, LeakContext, LeakResult, LeakValue>
{
    public LeakContext(
        WellKnownTypeProvider wellKnownTypeProvider,
        ControlFlowGraph cfg,
        ISymbol owningSymbol,
        AnalyzerOptions options,
        InterproceduralAnalysisConfiguration interproceduralConfig,
        PointsToAnalysisResult? pointsTo,
        Func<LeakContext, LeakResult?> compute,
        ControlFlowGraph? parentCfg,
        InterproceduralAnalysisData<LeakData, LeakContext, LeakValue>? interproceduralData,
        Vocabulary vocabulary,
        LeakEvents events)
        : base(LeakValueDomain.Instance, wellKnownTypeProvider, cfg, owningSymbol, options, interproceduralConfig,
              pessimisticAnalysis: false, predicateAnalysis: false, exceptionPathsAnalysis: false, copyAnalysisResult: null,
              pointsTo, valueContentAnalysisResult: null, compute, parentCfg, interproceduralData, interproceduralAnalysisPredicate: null)
    {
        Vocabulary = vocabulary;
        Events = events;
    }

    public Vocabulary Vocabulary { get; }

    public LeakEvents Events { get; }

    public override LeakContext ForkForInterproceduralAnalysis(
        IMethodSymbol invokedMethod,
        ControlFlowGraph invokedCfg,
        PointsToAnalysisResult? pointsToAnalysisResult,
        CopyAnalysisResult? copyAnalysisResult,
        ValueContentAnalysisResult? valueContentAnalysisResult,
        InterproceduralAnalysisData<LeakData, LeakContext, LeakValue>? interproceduralAnalysisData) =>
        new(WellKnownTypeProvider, invokedCfg, invokedMethod, AnalyzerOptions, InterproceduralAnalysisConfiguration, pointsToAnalysisResult,
            TryGetOrComputeAnalysisResult, ControlFlowGraph, interproceduralAnalysisData, Vocabulary, Events);

    protected override void ComputeHashCodePartsSpecific(ref RoslynHashCode hashCode) => hashCode.Add(RuntimeHelpers.GetHashCode(Events));

    protected override bool ComputeEqualsByHashCodeParts(AbstractDataFlowAnalysisContext<LeakData, LeakContext, LeakResult, LeakValue> obj) =>
        ReferenceEquals(((LeakContext)obj).Events, Events);
}

/// <summary>
/// The prototype's dataflow analysis on Roslyn's framework (Microsoft.CodeAnalysis.AnalyzerUtilities): a forward analysis
/// over the control-flow graph whose state maps points-to abstract locations (objects) to <see cref="LeakValue"/>, with
/// the framework's context-sensitive interprocedural analysis, so a helper's fit on its parameter marks the caller's object
/// and the order of fit and split is the order of the graph.
/// </summary>
internal sealed partial class LeakFlowAnalysis : ForwardDataFlowAnalysis<LeakData, LeakContext, LeakResult, LeakBlockResult, LeakValue>
{
    private static readonly LeakDomain Domain = new(LeakValueDomain.Instance);

    private LeakFlowAnalysis(LeakVisitor visitor)
        : base(Domain, visitor)
    {
    }

    public static LeakResult? Run(ControlFlowGraph cfg, ISymbol owningSymbol, AnalyzerOptions options, WellKnownTypeProvider wellKnownTypes, InterproceduralAnalysisConfiguration config, Vocabulary vocabulary, LeakEvents events)
    {
        PointsToAnalysisResult? pointsTo = PointsToAnalysis.TryGetOrComputeResult(
            cfg, owningSymbol, options, wellKnownTypes, PointsToAnalysisKind.Complete, config,
            interproceduralAnalysisPredicate: null, pessimisticAnalysis: false, performCopyAnalysis: false, exceptionPathsAnalysis: false);
        if (pointsTo is null)
        {
            return null;
        }

        var context = new LeakContext(wellKnownTypes, cfg, owningSymbol, options, config, pointsTo, Compute, parentCfg: null, interproceduralData: null, vocabulary, events);
        return Compute(context);
    }

    private static LeakResult? Compute(LeakContext context) =>
        new LeakFlowAnalysis(new LeakVisitor(context)).TryGetOrComputeResultCore(context, cacheResult: false);

    protected override LeakResult ToResult(LeakContext analysisContext, DataFlowAnalysisResult<LeakBlockResult, LeakValue> dataFlowAnalysisResult) => new(dataFlowAnalysisResult);

    protected override LeakBlockResult ToBlockResult(BasicBlock basicBlock, LeakData blockAnalysisData) => new(basicBlock, blockAnalysisData);
}
