using System;
using System.Collections.Immutable;
using Analyzer.Utilities;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis.DataFlow;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.FlowPrototype.Flow;

/// <summary>
/// The prototype of NG0006 on Roslyn's dataflow framework. Every method body is analysed as a top-level method with
/// context-sensitive interprocedural analysis to <see cref="MaxCallChain"/> calls deep (the framework's way: no summaries,
/// callees re-analysed in each calling context); leaks are reported at compilation end, deduplicated. Same id as the
/// shipped rule so the corpus labels apply unchanged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FlowLeakageAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new(
        "NG0006", "Normalization statistics leak evaluation data (dataflow prototype)", "{0}", "NormGuard.Prototype", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public FlowLeakageAnalyzer(uint maxCallChain = 3)
    {
        MaxCallChain = maxCallChain;
    }

    public FlowLeakageAnalyzer()
        : this(3)
    {
    }

    /// <summary>How many calls deep the framework follows (its own default is 3).</summary>
    public uint MaxCallChain { get; }

    /// <summary>Top-level methods analysed, and those whose analysis threw or gave no result, in the last compilation.</summary>
    public (int Analyses, int Failures) LastCounts { get; private set; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            Vocabulary? vocabulary = Vocabulary.Create(start.Compilation);
            if (vocabulary is null)
            {
                return;
            }

            var events = new LeakEvents();
            WellKnownTypeProvider wellKnownTypes = WellKnownTypeProvider.GetOrCreate(start.Compilation);
            start.RegisterOperationBlockAction(block =>
            {
                var seen = new System.Collections.Generic.HashSet<IOperation>();
                foreach (IOperation root in block.OperationBlocks)
                {
                    // A method's block hangs under its IMethodBodyOperation; analyse each body once (attributes, initializers: skip).
                    IOperation top = root;
                    while (top.Parent is not null)
                    {
                        top = top.Parent;
                    }

                    if (top is not (IMethodBodyOperation or IConstructorBodyOperation) || !seen.Add(top))
                    {
                        continue;
                    }

                    try
                    {
                        ControlFlowGraph cfg = block.GetControlFlowGraph(root);
                        InterproceduralAnalysisConfiguration config = InterproceduralAnalysisConfiguration.Create(
                            block.Options, Rule, cfg, block.Compilation, InterproceduralAnalysisKind.ContextSensitive, MaxCallChain, MaxCallChain);
                        events.Analysed();
                        if (LeakFlowAnalysis.Run(cfg, block.OwningSymbol, block.Options, wellKnownTypes, config, vocabulary, events) is null)
                        {
                            events.Failed();
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        events.Failed();
                        FailureLog?.Invoke(block.OwningSymbol.ToDisplayString() + ": " + exception.GetType().Name + ": " + exception.Message);
                    }
                }
            });
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var leak in events.Leaks)
                {
                    end.ReportDiagnostic(Diagnostic.Create(Rule, Location.Create(leak.Key.Tree, leak.Key.Span), leak.Value));
                }

                LastCounts = (events.Analyses, events.Failures);
            });
        });
    }

    /// <summary>Where the measurement harness hears of methods whose analysis threw.</summary>
    public Action<string>? FailureLog { get; set; }
}
