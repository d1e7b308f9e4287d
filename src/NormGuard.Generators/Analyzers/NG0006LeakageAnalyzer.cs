using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using NormGuard.Generators.Analyzers.Leakage;
using NormGuard.Generators.Diagnostics;

namespace NormGuard.Generators.Analyzers
{
    /// <summary>
    /// NG0006: normalization statistics that leak evaluation data. A fit — a NormGuard fitter's <c>Add</c>/<c>Merge</c>,
    /// <c>Fit</c> of an ML.NET estimator whose chain holds a statistical normalizer, or a call of a method that fits —
    /// is reported when its data is afterwards split (<c>TrainTestSplit</c>, <c>CrossValidationSplit</c>,
    /// <c>CrossValidate</c>, any <c>*Split*</c> method, a helper that splits), directly or through a derived view, or
    /// when its data is evaluation data (<c>.TestSet</c>, a split's later part, data named test/validation/holdout).
    /// Within one method (its local functions and lambdas included) the analysis runs as you type; across methods,
    /// classes and files it runs at compilation end on summaries of what each method does with its parameters and
    /// fields (<see cref="SummaryTable"/>). See docs/rules/NG0006.md for the patterns.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LeakageAnalyzer : DiagnosticAnalyzer
    {
        private readonly LeakageWork? _work;

        public LeakageAnalyzer()
        {
        }

        /// <summary>For tests: counts the bodies the analysis summarizes into <paramref name="work"/>.</summary>
        internal LeakageAnalyzer(LeakageWork work)
        {
            _work = work;
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.Leakage, DiagnosticDescriptors.LeakageAcrossMethods);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                LeakageSymbols? symbols = LeakageSymbols.Create(start.Compilation);
                if (symbols is null)
                {
                    return; // neither NormGuard's fitter nor ML.NET: nothing can be fitted
                }

                var facts = new ConcurrentBag<LocalFacts>();
                var deferred = new ConcurrentBag<DeferredBody>();
                start.RegisterOperationBlockAction(block =>
                {
                    try
                    {
                        AnalyzeMethod(block, symbols, facts, deferred, _work);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // An analyzer must not take the build down: an unexpected shape of code is no leak we can prove.
                    }
                });
                start.RegisterCompilationEndAction(end =>
                {
                    try
                    {
                        List<LocalFacts> all = WithDeferred(facts, deferred, symbols, _work, end.CancellationToken);
                        SummaryTable table = SummaryTable.Build(all, symbols, end.CancellationToken);
                        CrossMethodLeaks.Report(all, table, symbols, end.ReportDiagnostic, end.CancellationToken);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // As above: no summary is worth a failed build.
                    }
                });
            });
        }

        private static void AnalyzeMethod(OperationBlockAnalysisContext block, LeakageSymbols symbols, ConcurrentBag<LocalFacts> facts, ConcurrentBag<DeferredBody> deferred, LeakageWork? work)
        {
            var fits = new List<FitCall>();
            foreach (IOperation root in block.OperationBlocks)
            {
                foreach (IOperation operation in root.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation && FitCall.TryCreate(invocation, symbols) is { } fit)
                    {
                        fits.Add(fit);
                    }
                }
            }

            bool provenanceDeferred = false;
            if (fits.Count > 0)
            {
                fits.Sort((a, b) => a.Operation.Syntax.SpanStart.CompareTo(b.Operation.Syntax.SpanStart));
                MethodFlow flow = MethodFlow.Build(block.OperationBlocks, symbols, block.CancellationToken);
                foreach ((FitCall fit, string message) in LeakFinder.Find(flow, fits, symbols, block.CancellationToken))
                {
                    block.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.Leakage, fit.Location, message));
                }

                foreach ((Location location, string message) in ProvenanceCheck.Find(block.OperationBlocks, flow, symbols, summaries: null, out provenanceDeferred))
                {
                    block.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.Leakage, location, message));
                }
            }

            var callees = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            switch (SummaryBuilder.Classify(block.OwningSymbol, block.OperationBlocks, symbols, callees, fits: fits.Count > 0))
            {
                case Relevance.Own:
                    LocalFacts summary = SummaryBuilder.Summarize(block.OwningSymbol, block.OperationBlocks, symbols, block.CancellationToken);
                    summary.ProvenanceDeferred = provenanceDeferred;
                    Keep(summary, block.OperationBlocks);
                    facts.Add(summary);
                    work?.Now();
                    break;
                case Relevance.Calls:
                    // Most such bodies (repositories, services, formatting) call nothing that touches data: summarized at
                    // compilation end, and only if a method they call turns out to.
                    deferred.Add(new DeferredBody(block.OwningSymbol, block.OperationBlocks, callees));
                    work?.Defer();
                    break;
            }
        }

        /// <summary>Kept for the compilation-end pass only when the method calls summarized methods (or waits on one's chain).</summary>
        private static void Keep(LocalFacts summary, ImmutableArray<IOperation> blocks)
        {
            if (summary.Calls.Count > 0 || summary.PendingFits.Count > 0 || summary.ProvenanceDeferred)
            {
                summary.Blocks = blocks;
            }
        }

        /// <summary>
        /// The facts of the bodies that do something to data themselves, and of the deferred bodies that call one of them,
        /// directly or through other such bodies (a fixed point over the call graph). A method outside the compilation, or
        /// an interface or abstract one, counts as doing something: its summary comes from its attributes or its
        /// implementations.
        /// </summary>
        private static List<LocalFacts> WithDeferred(ConcurrentBag<LocalFacts> facts, ConcurrentBag<DeferredBody> deferred, LeakageSymbols symbols, LeakageWork? work, System.Threading.CancellationToken cancellationToken)
        {
            var all = new List<LocalFacts>(facts);
            var active = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (LocalFacts fact in all)
            {
                if (fact.Method is IMethodSymbol method)
                {
                    active.Add(SummaryTable.Key(method));
                }
            }

            var waiting = new List<DeferredBody>(deferred);
            bool changed = true;
            while (changed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                changed = false;
                for (int i = waiting.Count - 1; i >= 0; i--)
                {
                    DeferredBody body = waiting[i];
                    if (!body.Callees.Any(callee => active.Contains(callee) || callee.IsAbstract || !SymbolEqualityComparer.Default.Equals(callee.ContainingAssembly, symbols.Assembly)))
                    {
                        continue;
                    }

                    waiting.RemoveAt(i);
                    LocalFacts summary = SummaryBuilder.Summarize(body.Owner, body.Blocks, symbols, cancellationToken);
                    Keep(summary, body.Blocks);
                    all.Add(summary);
                    work?.AtEnd();
                    if (body.Owner is IMethodSymbol method && active.Add(SummaryTable.Key(method)))
                    {
                        changed = true;
                    }
                }
            }

            return all;
        }

        private sealed class DeferredBody
        {
            public DeferredBody(ISymbol owner, ImmutableArray<IOperation> blocks, HashSet<IMethodSymbol> callees)
            {
                Owner = owner;
                Blocks = blocks;
                Callees = callees;
            }

            public ISymbol Owner { get; }

            public ImmutableArray<IOperation> Blocks { get; }

            public HashSet<IMethodSymbol> Callees { get; }
        }
    }
}
