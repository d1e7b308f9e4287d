using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Benchmarks.AnalyzerProfile;

/// <summary>
/// NG0006's steps, timed one by one: an analyzer that makes the calls <c>LeakageAnalyzer</c> makes (its
/// <c>AnalyzeMethod</c> per operation block: find fits, <c>SummaryBuilder.Classify</c>, <c>Summarize</c> of the bodies that
/// touch data; at compilation end the deferred bodies' fixed point, <c>SummaryTable.Build</c> and
/// <c>CrossMethodLeaks.Report</c>; as of commit 4a74b48) to NormGuard.Generators.dll's internal classes through reflection, with a stopwatch around
/// each and counts of what each step worked on. Its total is compared with Roslyn's own time for the real analyzer.
/// </summary>
internal sealed class LeakagePhases : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor("PROF0006", "profile", "{0}", "profile", DiagnosticSeverity.Hidden, true);

    private readonly Internals _internals;
    private readonly object _gate = new object();
    private object? _symbols;
    private IList? _facts;
    private readonly List<(ISymbol Owner, ImmutableArray<IOperation> Blocks, HashSet<IMethodSymbol> Callees, int Operations)> _deferred =
        new List<(ISymbol, ImmutableArray<IOperation>, HashSet<IMethodSymbol>, int)>();

    public LeakagePhases(Assembly normGuard) => _internals = new Internals(normGuard);

    public Dictionary<string, Phase> Phases { get; } = new Dictionary<string, Phase>(StringComparer.Ordinal);

    public List<(string Method, double Milliseconds, int Operations)> SlowestBlocks { get; } = new List<(string, double, int)>();

    public List<(string Method, double Milliseconds)> SlowestCrossMethod { get; } = new List<(string, double)>();

    public int Diagnostics { get; private set; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            _symbols = Time("LeakageSymbols.Create (once)", 1, () => _internals.CreateSymbols(start.Compilation));
            if (_symbols is null)
            {
                return;
            }

            _facts = _internals.NewFactsList();
            start.RegisterOperationBlockAction(AnalyzeMethod);
            start.RegisterCompilationEndAction(End);
        });
    }

    private void AnalyzeMethod(OperationBlockAnalysisContext block)
    {
        object symbols = _symbols!;
        var total = Stopwatch.StartNew();
        int operations = 0;
        IList fits = _internals.NewFitList();
        Time("1 find fits: walk every operation, FitCall.TryCreate on each invocation", 1, () =>
        {
            foreach (IOperation root in block.OperationBlocks)
            {
                foreach (IOperation operation in root.DescendantsAndSelf())
                {
                    operations++;
                    if (operation is IInvocationOperation invocation && _internals.TryCreateFit(invocation, symbols) is { } fit)
                    {
                        fits.Add(fit);
                    }
                }
            }

            return 0;
        });
        Count("operations walked (all operation blocks)", operations);

        bool provenanceDeferred = false;
        if (fits.Count > 0)
        {
            Count("operation blocks with a fit", 1);
            object flow = Time("2 methods that fit: MethodFlow.Build", 1, () => _internals.BuildFlow(block.OperationBlocks, symbols, null, null));
            IList found = Time("2 methods that fit: LeakFinder.Find", 1, () => _internals.FindLeaks(flow, fits, symbols));
            IList provenance = Time("2 methods that fit: ProvenanceCheck.Find", 1, () => _internals.FindProvenance(block.OperationBlocks, flow, symbols, out provenanceDeferred));
            lock (_gate)
            {
                Diagnostics += found.Count + provenance.Count;
            }
        }

        HashSet<IMethodSymbol> callees = _internals.NewCallees();
        string relevance = Time("3a SummaryBuilder.Classify (every block)", 1, () => _internals.Classify(block.OwningSymbol, block.OperationBlocks, symbols, callees, fits.Count > 0));
        switch (relevance)
        {
            case "Own":
                object summary = Time("3 SummaryBuilder.Summarize, bodies that touch data themselves (Own, as they are analyzed)", 1, () => _internals.Summarize(block.OwningSymbol, block.OperationBlocks, symbols));
                _internals.SetProvenanceDeferred(summary, provenanceDeferred);
                Count("operations in bodies summarized as they are analyzed", operations);
                Keep(summary, block.OperationBlocks);
                lock (_gate)
                {
                    _facts!.Add(summary);
                }

                break;
            case "Calls":
                Count("bodies deferred (only call methods of the compilation)", 1);
                lock (_gate)
                {
                    _deferred.Add((block.OwningSymbol, block.OperationBlocks, callees, operations));
                }

                break;
            default:
                Count("bodies not summarized (Classify: None)", 1);
                break;
        }

        total.Stop();
        lock (_gate)
        {
            SlowestBlocks.Add((block.OwningSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), total.Elapsed.TotalMilliseconds, operations));
        }

        Count("operation blocks (methods, accessors, constructors, initializers)", 1);
    }

    /// <summary>As <c>LeakageAnalyzer.Keep</c>: the blocks stay alive to compilation end only when the end pass needs them.</summary>
    private void Keep(object summary, ImmutableArray<IOperation> blocks)
    {
        if (_internals.KeepsBlocks(summary))
        {
            _internals.SetBlocks(summary, blocks);
            Count("summaries that keep their operation blocks to compilation end", 1);
        }
    }

    private void End(CompilationAnalysisContext end)
    {
        object symbols = _symbols!;
        Time("4a compilation end: deferred bodies, fixed point over the call graph + Summarize", 1, () =>
        {
            WithDeferred(symbols);
            return 0;
        });
        object table = Time("4b compilation end: SummaryTable.Build", 1, () => _internals.BuildTable(_facts!, symbols));
        Count("summaries in the table (summarized as analyzed + at compilation end)", _facts!.Count);
        foreach (object fact in _facts)
        {
            if (!_internals.Involved(fact, table))
            {
                continue;
            }

            Count("methods analyzed again at compilation end (call a method whose summary is not empty)", 1);
            IList one = _internals.NewFactsList();
            one.Add(fact);
            var watch = Stopwatch.StartNew();
            Time("5 compilation end: CrossMethodLeaks.Report", 1, () =>
            {
                _internals.ReportAcrossMethods(one, table, symbols, _ => Diagnostics++);
                return 0;
            });
            SlowestCrossMethod.Add((_internals.MethodOf(fact).ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), watch.Elapsed.TotalMilliseconds));
        }
    }

    /// <summary>
    /// As <c>LeakageAnalyzer.WithDeferred</c> (commit 4a74b48): a deferred body is summarized when one of its callees is
    /// summarized, abstract or outside the compilation, until nothing changes.
    /// </summary>
    private void WithDeferred(object symbols)
    {
        IAssemblySymbol assembly = _internals.AssemblyOf(symbols);
        var active = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (object fact in _facts!)
        {
            if (_internals.MethodOf(fact) is IMethodSymbol method)
            {
                active.Add(_internals.Key(method));
            }
        }

        var waiting = new List<(ISymbol Owner, ImmutableArray<IOperation> Blocks, HashSet<IMethodSymbol> Callees, int Operations)>(_deferred);
        bool changed = true;
        while (changed)
        {
            changed = false;
            for (int i = waiting.Count - 1; i >= 0; i--)
            {
                var body = waiting[i];
                if (!body.Callees.Any(callee => active.Contains(callee) || callee.IsAbstract || !SymbolEqualityComparer.Default.Equals(callee.ContainingAssembly, assembly)))
                {
                    continue;
                }

                waiting.RemoveAt(i);
                object summary = _internals.Summarize(body.Owner, body.Blocks, symbols);
                Count("deferred bodies summarized at compilation end (a callee touches data)", 1);
                Count("operations in bodies summarized at compilation end", body.Operations);
                Keep(summary, body.Blocks);
                _facts.Add(summary);
                if (body.Owner is IMethodSymbol method && active.Add(_internals.Key(method)))
                {
                    changed = true;
                }
            }
        }

        Count("deferred bodies never summarized", waiting.Count);
    }

    private T Time<T>(string name, int count, Func<T> action)
    {
        var watch = Stopwatch.StartNew();
        T result = action();
        watch.Stop();
        lock (_gate)
        {
            Phase phase = Get(name);
            phase.Milliseconds += watch.Elapsed.TotalMilliseconds;
            phase.Count += count;
        }

        return result;
    }

    private void Count(string name, int count)
    {
        lock (_gate)
        {
            Get(name).Count += count;
        }
    }

    private Phase Get(string name)
    {
        if (!Phases.TryGetValue(name, out Phase? phase))
        {
            phase = new Phase();
            Phases.Add(name, phase);
        }

        return phase;
    }

    internal sealed class Phase
    {
        public double Milliseconds { get; set; }

        public long Count { get; set; }
    }

    /// <summary>The internal members of NormGuard.Generators.Analyzers.Leakage the analyzer calls, by reflection.</summary>
    private sealed class Internals
    {
        private const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

        private readonly MethodInfo _createSymbols, _tryCreateFit, _buildFlow, _findLeaks, _findProvenance, _classify, _summarize, _buildTable, _report, _involved, _key;
        private readonly PropertyInfo _calls, _pendingFits, _blocks, _method, _provenanceDeferred, _assembly;
        private readonly Type _fitCall, _localFacts;

        public Internals(Assembly assembly)
        {
            Type T(string name) => assembly.GetType("NormGuard.Generators.Analyzers.Leakage." + name, throwOnError: true)!;
            MethodInfo M(Type type, string name, int parameters) =>
                type.GetMethods(Static).Single(m => m.Name == name && m.GetParameters().Length == parameters);

            _fitCall = T("FitCall");
            _localFacts = T("LocalFacts");
            Type symbols = T("LeakageSymbols");
            _createSymbols = M(symbols, "Create", 1);
            _tryCreateFit = M(_fitCall, "TryCreate", 2);
            _buildFlow = M(T("MethodFlow"), "Build", 5);
            _findLeaks = M(T("LeakFinder"), "Find", 4);
            _findProvenance = M(T("ProvenanceCheck"), "Find", 5);
            _classify = M(T("SummaryBuilder"), "Classify", 5);
            _summarize = M(T("SummaryBuilder"), "Summarize", 4);
            _buildTable = M(T("SummaryTable"), "Build", 3);
            _key = M(T("SummaryTable"), "Key", 1);
            _report = M(T("CrossMethodLeaks"), "Report", 5);
            _involved = M(T("CrossMethodLeaks"), "Involved", 2);
            _calls = _localFacts.GetProperty("Calls", Instance)!;
            _pendingFits = _localFacts.GetProperty("PendingFits", Instance)!;
            _blocks = _localFacts.GetProperty("Blocks", Instance)!;
            _method = _localFacts.GetProperty("Method", Instance)!;
            _provenanceDeferred = _localFacts.GetProperty("ProvenanceDeferred", Instance)!;
            _assembly = symbols.GetProperty("Assembly", Instance)!;
        }

        public IList NewFitList() => (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(_fitCall))!;

        public IList NewFactsList() => (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(_localFacts))!;

        public HashSet<IMethodSymbol> NewCallees() => new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

        public object? CreateSymbols(Compilation compilation) => _createSymbols.Invoke(null, new object[] { compilation });

        public IAssemblySymbol AssemblyOf(object symbols) => (IAssemblySymbol)_assembly.GetValue(symbols)!;

        public IMethodSymbol Key(IMethodSymbol method) => (IMethodSymbol)_key.Invoke(null, new object[] { method })!;

        public object? TryCreateFit(IInvocationOperation invocation, object symbols) => _tryCreateFit.Invoke(null, new[] { invocation, symbols });

        public object BuildFlow(ImmutableArray<IOperation> blocks, object symbols, object? sources, object? table) =>
            _buildFlow.Invoke(null, new[] { blocks, symbols, CancellationToken.None, sources, table })!;

        public IList FindLeaks(object flow, IList fits, object symbols) => (IList)_findLeaks.Invoke(null, new[] { flow, fits, symbols, CancellationToken.None })!;

        public IList FindProvenance(ImmutableArray<IOperation> blocks, object flow, object symbols, out bool deferred)
        {
            object?[] arguments = { blocks, flow, symbols, null, false };
            var found = (IList)_findProvenance.Invoke(null, arguments)!;
            deferred = (bool)arguments[4]!;
            return found;
        }

        /// <summary>The name of the <c>Relevance</c> value: None, Calls or Own.</summary>
        public string Classify(ISymbol owner, ImmutableArray<IOperation> blocks, object symbols, HashSet<IMethodSymbol> callees, bool fits) =>
            _classify.Invoke(null, new object[] { owner, blocks, symbols, callees, fits })!.ToString()!;

        public object Summarize(ISymbol owner, ImmutableArray<IOperation> blocks, object symbols) =>
            _summarize.Invoke(null, new object[] { owner, blocks, symbols, CancellationToken.None })!;

        public void SetProvenanceDeferred(object facts, bool deferred) => _provenanceDeferred.SetValue(facts, deferred);

        public bool KeepsBlocks(object facts) => ((ICollection)_calls.GetValue(facts)!).Count > 0 || ((ICollection)_pendingFits.GetValue(facts)!).Count > 0
            || (bool)_provenanceDeferred.GetValue(facts)!;

        public void SetBlocks(object facts, ImmutableArray<IOperation> blocks) => _blocks.SetValue(facts, blocks);

        public ISymbol MethodOf(object facts) => (ISymbol)_method.GetValue(facts)!;

        public object BuildTable(IList facts, object symbols) => _buildTable.Invoke(null, new object[] { facts, symbols, CancellationToken.None })!;

        public bool Involved(object facts, object table) => (bool)_involved.Invoke(null, new[] { facts, table })!;

        public void ReportAcrossMethods(IList facts, object table, object symbols, Action<Diagnostic> report) =>
            _report.Invoke(null, new object[] { facts, table, symbols, report, CancellationToken.None });
    }
}
