using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// The second half of the interprocedural NG0006, at compilation end: every method's summary, made by adding to
    /// its own effects those of the methods it calls (a callee's fit on its parameter is the caller's fit on whatever
    /// it passed), repeated until nothing changes. Answers the questions the per-method analysis asks about calls:
    /// does this call fit, split, or return a normalizer chain?
    /// </summary>
    internal sealed class SummaryTable : INormalizerSources
    {
        private const int MaxRounds = 50;

        private readonly Dictionary<ISymbol, MethodSummary> _summaries = new Dictionary<ISymbol, MethodSummary>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, string> _fieldChains = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, MethodSummary?> _declared = new Dictionary<ISymbol, MethodSummary?>(SymbolEqualityComparer.Default);
        private readonly LeakageSymbols _symbols;

        private SummaryTable(LeakageSymbols symbols)
        {
            _symbols = symbols;
        }

        /// <summary>The key methods are summarized by: an extension method's static form, a generic method's definition.</summary>
        public static IMethodSymbol Key(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

        /// <summary>A method of this compilation with a body (not a local function or lambda: those are part of their method),
        /// or a method of another assembly declared with <c>[FitsStatistics]</c> or <c>[SplitsData]</c>.</summary>
        public static bool IsSummarizable(IMethodSymbol method, LeakageSymbols symbols)
        {
            if (method.MethodKind is MethodKind.LocalFunction or MethodKind.AnonymousFunction or MethodKind.DelegateInvoke)
            {
                return false;
            }

            IMethodSymbol key = Key(method);
            if (SymbolEqualityComparer.Default.Equals(key.ContainingAssembly, symbols.Assembly))
            {
                return !key.DeclaringSyntaxReferences.IsEmpty;
            }

            if (symbols.FitsStatistics is null && symbols.SplitsData is null)
            {
                return false;
            }

            if (symbols.HasAttribute(key, symbols.SplitsData))
            {
                return true;
            }

            foreach (IParameterSymbol parameter in key.Parameters)
            {
                if (symbols.HasAttribute(parameter, symbols.FitsStatistics))
                {
                    return true;
                }
            }

            return false;
        }

        public static SummaryTable Build(IEnumerable<LocalFacts> all, LeakageSymbols symbols, CancellationToken cancellationToken)
        {
            var table = new SummaryTable(symbols);
            List<LocalFacts> facts = all.ToList();
            foreach (LocalFacts fact in facts)
            {
                if (fact.Method is IMethodSymbol method)
                {
                    MethodSummary summary = table.Get(Key(method));
                    foreach (FitEffect fit in fact.Own.Fits)
                    {
                        summary.Add(fit);
                    }

                    foreach (SplitEffect split in fact.Own.Splits)
                    {
                        summary.Add(split);
                    }

                    summary.SplitHelper ??= fact.Own.SplitHelper;
                    summary.Normalizer ??= fact.Own.Normalizer;
                    summary.FittedData ??= fact.Own.FittedData;
                }

                foreach ((ISymbol field, List<ISymbol> from, string site) in fact.FieldChains)
                {
                    if (from.Count == 0 && !table._fieldChains.ContainsKey(field))
                    {
                        table._fieldChains.Add(field, site);
                    }
                }
            }

            // Interface and abstract methods of the compilation: their summary is what all their implementations share.
            Dictionary<IMethodSymbol, List<IMethodSymbol>> dispatch = VirtualDispatch.Implementations(facts.Select(f => f.Method).OfType<IMethodSymbol>(), symbols.Assembly);
            foreach (IMethodSymbol contract in dispatch.Keys)
            {
                if (!table._summaries.ContainsKey(contract))
                {
                    table._summaries.Add(contract, table.Of(contract) ?? new MethodSummary(contract));
                }
            }

            for (int round = 0; round < MaxRounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                bool changed = false;
                foreach (LocalFacts fact in facts)
                {
                    changed |= table.Propagate(fact);
                }

                foreach (KeyValuePair<IMethodSymbol, List<IMethodSymbol>> entry in dispatch)
                {
                    changed |= VirtualDispatch.Merge(table._summaries[entry.Key], entry.Key, entry.Value, table.Of);
                }

                if (!changed)
                {
                    break;
                }
            }

            return table;
        }

        /// <summary>The summary of a method: from its code when it is in this compilation, from its attributes otherwise.</summary>
        public MethodSummary? Of(IMethodSymbol method)
        {
            IMethodSymbol key = Key(method);
            if (_summaries.TryGetValue(key, out MethodSummary? summary))
            {
                return summary;
            }

            if (!_declared.TryGetValue(key, out MethodSummary? declared))
            {
                declared = Declared(key);
                _declared.Add(key, declared);
            }

            return declared;
        }

        public bool Returns(IMethodSymbol method) => Of(method)?.Normalizer is not null;

        public bool Holds(ISymbol member) => _fieldChains.ContainsKey(member.OriginalDefinition);

        /// <summary>A call of a method that returns split parts, or splits its arguments inside: a split, at the call.</summary>
        public SplitCall? HelperSplit(IInvocationOperation invocation)
        {
            if (!IsSummarizable(invocation.TargetMethod, _symbols) || Of(invocation.TargetMethod) is not { } summary)
            {
                return null;
            }

            ImmutableArray<DataRef>.Builder inputs = ImmutableArray.CreateBuilder<DataRef>();
            string? trail = null;
            if (summary.SplitHelper is { } helper)
            {
                trail = "which splits it: " + helper;
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter is not { RefKind: RefKind.Out } && (_symbols.IsCollection(argument.Value.Type) || _symbols.IsCollection(Operations.Unwrap(argument.Value).Type)))
                    {
                        inputs.Add(DataRef.Of(argument.Value));
                    }
                }
            }

            foreach (SplitEffect split in summary.Splits)
            {
                if (Bind(split.Slot, invocation.Instance, invocation.Arguments) is { } data)
                {
                    trail ??= "which splits it" + Through(split.Path) + ": " + split.Site;
                    inputs.Add(data);
                }
            }

            return inputs.Count == 0 ? null : new SplitCall(invocation, inputs.ToImmutable(), crossValidates: false, estimator: null, trail);
        }

        /// <summary>The fits a call of a summarized method makes, each on the data at the call it stands for: an argument,
        /// a field of the object it is called on, or the variables that take rows it returns after fitting on them.</summary>
        public List<FitCall> HelperFits(IOperation call, MethodFlow flow)
        {
            var fits = new List<FitCall>();
            (IMethodSymbol? method, IOperation? instance, ImmutableArray<IArgumentOperation> arguments) = call switch
            {
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance, invocation.Arguments),
                IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, null, creation.Arguments),
                _ => (null, null, ImmutableArray<IArgumentOperation>.Empty),
            };
            if (method is null || !IsSummarizable(method, _symbols) || Of(method) is not { } summary)
            {
                return fits;
            }

            string callee = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
            var seen = new HashSet<string>();
            foreach (FitEffect fit in summary.Fits)
            {
                if (fit.Needs >= 0 && (Argument(fit.Needs, arguments) is not { } estimator || NormalizerChain.Step(estimator, flow, _symbols) is null))
                {
                    continue;
                }

                if (Bind(fit.Slot, instance, arguments) is { } data && seen.Add(data.Display + "|" + fit.Kind))
                {
                    string where = (fit.Slot.IsParameter ? "its parameter '" + fit.Slot.Name + "'" : "its field '" + fit.Slot.Name + "'") + Through(fit.Path) + ": " + fit.Site;
                    fits.Add(new FitCall(call, data, new HelperFit(callee, fit.Kind == FitKind.Helper || fit.Needs < 0 ? fit.Kind : FitKind.Estimator, where, fit.Slot)));
                }
            }

            if (summary.FittedData is { } fitted)
            {
                foreach (ISymbol variable in Receivers(call, flow))
                {
                    fits.Add(new FitCall(call, DataRef.OfMember(null, variable), new HelperFit(callee, fitted.Kind, "the rows it returns: " + fitted.Site, Slot.Field(variable))) { Container = true });
                }
            }

            return fits;
        }

        private static IOperation? Argument(int ordinal, ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>The variables a call's result is stored in: <c>var rows = await Load()</c>, <c>var (rows, fitter) = Load()</c>,
        /// <c>var rows = observer.Observe(lines).ToArray()</c>.</summary>
        private static IEnumerable<ISymbol> Receivers(IOperation call, MethodFlow flow)
        {
            foreach (ISymbol variable in flow.Assigned)
            {
                foreach (Flow assigned in flow.FlowsInto(variable))
                {
                    if (Materialized(assigned.Value) == call)
                    {
                        yield return variable;
                        break;
                    }
                }
            }
        }

        private static readonly HashSet<string> Materializers = new HashSet<string>(StringComparer.Ordinal)
        {
            "ToArray", "ToList", "ToHashSet", "AsEnumerable", "ToImmutableArray", "ToImmutableList", "ToArrayAsync", "ToListAsync",
        };

        /// <summary>The value a collection was made of, through <c>ToArray()</c>, <c>ToList()</c> and the like.</summary>
        private static IOperation Materialized(IOperation value)
        {
            IOperation current = Operations.Unwrap(value);
            for (int i = 0; i < 4 && current is IInvocationOperation { TargetMethod.Name: var name } invocation && Materializers.Contains(name); i++)
            {
                IOperation? inner = invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                if (inner is null)
                {
                    break;
                }

                current = Operations.Unwrap(inner);
            }

            return current;
        }

        private static string Through(IReadOnlyList<string> path) => path.Count == 0 ? string.Empty : ", through " + string.Join(" → ", path);

        /// <summary>The data at a call that a callee's slot stands for: the argument, or the field of the object called on.</summary>
        private static DataRef? Bind(Slot slot, IOperation? instance, ImmutableArray<IArgumentOperation> arguments)
        {
            if (slot.IsParameter)
            {
                foreach (IArgumentOperation argument in arguments)
                {
                    if (argument.Parameter?.Ordinal == slot.Ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        return DataRef.Of(argument.Value);
                    }
                }

                return null;
            }

            return slot.Member!.IsStatic ? DataRef.OfMember(null, slot.Member) : DataRef.OfMember(instance, slot.Member);
        }

        private MethodSummary Get(IMethodSymbol key)
        {
            if (!_summaries.TryGetValue(key, out MethodSummary? summary))
            {
                summary = new MethodSummary(key);
                _summaries.Add(key, summary);
            }

            return summary;
        }

        private MethodSummary? Declared(IMethodSymbol method)
        {
            if (!IsSummarizable(method, _symbols))
            {
                return null;
            }

            var summary = new MethodSummary(method);
            if (_symbols.HasAttribute(method, _symbols.SplitsData))
            {
                summary.SplitHelper = method.Name + " is declared [SplitsData]";
            }

            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (_symbols.HasAttribute(parameter, _symbols.FitsStatistics))
                {
                    summary.Add(new FitEffect(Slot.Parameter(parameter), FitKind.Helper, whole: true, "declared [FitsStatistics] in " + method.ContainingAssembly?.Name, Array.Empty<string>()));
                }
            }

            return summary.IsEmpty ? null : summary;
        }

        private bool Propagate(LocalFacts fact)
        {
            bool changed = false;
            foreach ((ISymbol field, List<ISymbol> from, string site) in fact.FieldChains)
            {
                if (from.Count > 0 && !_fieldChains.ContainsKey(field) && from.Any(Contributes))
                {
                    _fieldChains.Add(field, site);
                    changed = true;
                }
            }

            if (fact.Method is not IMethodSymbol method)
            {
                return changed;
            }

            MethodSummary summary = Get(Key(method));
            if (summary.Normalizer is null && fact.NormalizerFrom.FirstOrDefault(Contributes) is { } normalizer)
            {
                summary.Normalizer = "from " + normalizer.Name;
                changed = true;
            }

            if (summary.SplitHelper is null && fact.SplitHelperFrom.FirstOrDefault(m => Of((IMethodSymbol)m)?.SplitHelper is not null) is { } splitter)
            {
                summary.SplitHelper = "from " + splitter.Name + ": " + Of(splitter)!.SplitHelper;
                changed = true;
            }

            if (summary.FittedData is null && fact.FittedDataFrom.FirstOrDefault(m => Of((IMethodSymbol)m)?.FittedData is not null) is { } loader)
            {
                (FitKind kind, string site) = Of((IMethodSymbol)loader)!.FittedData!.Value;
                summary.FittedData = (kind, site + ", through " + loader.Name);
                changed = true;
            }

            foreach ((List<SlotUse> data, List<ISymbol> from, string site) in fact.PendingFits)
            {
                if (from.Any(Contributes))
                {
                    foreach (SlotUse use in data)
                    {
                        changed |= summary.Add(new FitEffect(use.Slot, FitKind.Estimator, use.Whole, site, Array.Empty<string>()));
                    }
                }
            }

            foreach (CallEdge call in fact.Calls)
            {
                if (Of(call.Callee) is not { } callee || ReferenceEquals(callee, summary))
                {
                    continue;
                }

                foreach (FitEffect fit in callee.Fits.ToList())
                {
                    if (fit.Needs >= 0)
                    {
                        continue; // depends on the estimator passed at each call: judged there
                    }

                    foreach (SlotUse use in Map(fit.Slot, call, method))
                    {
                        changed |= summary.Add(new FitEffect(use.Slot, fit.Kind, use.Whole && fit.Whole, fit.Site, Prepend(call.Callee, fit.Path)));
                    }
                }

                foreach (SplitEffect split in callee.Splits.ToList())
                {
                    foreach (SlotUse use in Map(split.Slot, call, method))
                    {
                        changed |= summary.Add(new SplitEffect(use.Slot, split.Site, Prepend(call.Callee, split.Path)));
                    }
                }
            }

            return changed;
        }

        private bool Contributes(ISymbol symbol) => symbol is IMethodSymbol method ? Returns(method) : Holds(symbol);

        /// <summary>The caller's slots a callee's slot stands for at one call.</summary>
        private static IEnumerable<SlotUse> Map(Slot slot, CallEdge call, IMethodSymbol caller)
        {
            if (slot.IsParameter)
            {
                return call.Arguments.TryGetValue(slot.Ordinal, out List<SlotUse>? uses) ? uses : Enumerable.Empty<SlotUse>();
            }

            // A field of the object the callee runs on is the caller's own field when it calls on this object.
            return call.OnThis && Slot.Of(slot.Member, caller) is { } own ? new[] { new SlotUse(own, whole: true) } : Enumerable.Empty<SlotUse>();
        }

        private static IReadOnlyList<string> Prepend(IMethodSymbol callee, IReadOnlyList<string> path)
        {
            var list = new List<string>(path.Count + 1) { callee.MethodKind == MethodKind.Constructor ? callee.ContainingType.Name : callee.Name };
            list.AddRange(path);
            return list;
        }
    }
}
