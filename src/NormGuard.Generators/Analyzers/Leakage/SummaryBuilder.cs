using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// The first half of the interprocedural NG0006: what one method body does with its data by itself — the slots its
    /// own fits and splits reach, what it returns, the calls it makes of other summarized methods and which of its
    /// slots each argument is made of. Runs on the operations the analyzer driver hands over, so nothing is bound twice.
    /// </summary>
    internal enum Relevance
    {
        None,
        Calls,
        Own,
    }

    internal static class SummaryBuilder
    {
        /// <summary>
        /// Whether a body needs its facts now: it fits, splits, takes views, builds an estimator chain or is declared
        /// with an attribute (<see cref="Relevance.Own"/>); or only calls methods of the compilation (<see cref="Relevance.Calls"/>,
        /// with their keys in <paramref name="callees"/>), whose facts matter only when one of those methods does
        /// something, which the compilation-end pass decides; or neither.
        /// </summary>
        /// <param name="fits">Whether the body has a fit: the per-method pass has looked for them already, so they are not sought again.</param>
        public static Relevance Classify(ISymbol owner, ImmutableArray<IOperation> blocks, LeakageSymbols symbols, HashSet<IMethodSymbol> callees, bool fits)
        {
            if (fits || (owner is IMethodSymbol method && (symbols.HasAttribute(method, symbols.SplitsData) || HasFitsStatistics(method, symbols))))
            {
                return Relevance.Own;
            }

            // Views make a split only in twos (Take and Skip, two opposite Wheres), or one that a model is evaluated on: a
            // lone Where or First in a repository is a filter.
            int views = 0;
            bool evaluates = false;
            foreach (IOperation block in blocks)
            {
                foreach (IOperation operation in block.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IInvocationOperation invocation when SplitCall.TryCreate(invocation, symbols) is not null:
                        case IForEachLoopOperation loop when LoopSplits.Find(loop, symbols) is not null:
                        case IReturnOperation { ReturnedValue: { } value } when symbols.IsEstimator(value.Type):
                        case ISimpleAssignmentOperation assignment when symbols.IsEstimator(assignment.Value.Type):
                        case ISymbolInitializerOperation initializer when symbols.IsEstimator(initializer.Value.Type):
                            return Relevance.Own;
                        case IInvocationOperation invocation:
                            views += ViewSplits.IsView(invocation) ? 1 : 0;
                            evaluates |= invocation.TargetMethod.Name.StartsWith("Evaluate", StringComparison.Ordinal);
                            if (SummaryTable.IsSummarizable(invocation.TargetMethod, symbols))
                            {
                                callees.Add(SummaryTable.Key(invocation.TargetMethod));
                            }

                            break;
                        case IObjectCreationOperation { Constructor: { } constructor } when SummaryTable.IsSummarizable(constructor, symbols):
                            callees.Add(SummaryTable.Key(constructor));
                            break;
                        case IPropertyReferenceOperation { Property.GetMethod: { } getter } property when !symbols.IsScalar(property.Type) && SummaryTable.IsSummarizable(getter, symbols):
                            callees.Add(SummaryTable.Key(getter));
                            break;
                    }
                }
            }

            return views >= 2 || (views == 1 && evaluates) ? Relevance.Own
                : callees.Count > 0 ? Relevance.Calls
                : Relevance.None;
        }

        /// <summary>The body's facts, for a body <see cref="Classify"/> found relevant.</summary>
        public static LocalFacts Summarize(ISymbol owner, ImmutableArray<IOperation> blocks, LeakageSymbols symbols, CancellationToken cancellationToken)
        {
            IMethodSymbol? method = owner as IMethodSymbol;
            var recorder = new Recorder();
            MethodFlow flow = MethodFlow.Build(blocks, symbols, cancellationToken, recorder);
            var lineage = new Lineage(flow, symbols);
            var facts = new LocalFacts(owner);
            if (method is not null)
            {
                Declared(method, symbols, facts);
            }

            foreach (IOperation block in blocks)
            {
                foreach (IOperation operation in block.DescendantsAndSelf())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            if (FitCall.TryCreate(invocation, symbols) is { } fit && method is not null)
                            {
                                DirectFit(fit, method, flow, lineage, symbols, recorder, facts);
                            }
                            else if (SummaryTable.IsSummarizable(invocation.TargetMethod, symbols))
                            {
                                AddCall(SummaryTable.Key(invocation.TargetMethod), invocation.Instance, invocation.Arguments, method, lineage, facts);
                            }

                            break;
                        case IObjectCreationOperation { Constructor: { } constructor } creation when SummaryTable.IsSummarizable(constructor, symbols):
                            AddCall(SummaryTable.Key(constructor), null, creation.Arguments, method, lineage, facts);
                            break;
                        case IPropertyReferenceOperation { Property.GetMethod: { } getter } property when !symbols.IsScalar(property.Type) && SummaryTable.IsSummarizable(getter, symbols):
                            AddCall(SummaryTable.Key(getter), property.Instance, property.Arguments, method, lineage, facts);
                            break;
                        case IReturnOperation { ReturnedValue: { } value } returned when method is not null && OwnReturn(returned):
                            Returned(value, flow, symbols, recorder, facts);
                            break;
                        case ISimpleAssignmentOperation assignment when symbols.IsEstimator(assignment.Value.Type)
                            && assignment.Target is IMemberReferenceOperation { Member: IFieldSymbol or IPropertySymbol } target:
                            FieldChain(target.Member, assignment.Value, flow, symbols, recorder, facts);
                            break;
                        case ISymbolInitializerOperation initializer when symbols.IsEstimator(initializer.Value.Type):
                            foreach (ISymbol member in Initialized(initializer))
                            {
                                FieldChain(member, initializer.Value, flow, symbols, recorder, facts);
                            }

                            break;
                    }
                }
            }

            if (method is not null)
            {
                FittedReturns(method, lineage, facts);
                foreach (SplitCall split in flow.Splits)
                {
                    string site = Site(split.Invocation.Syntax.GetLocation(), split.Name + "(...)");
                    foreach (DataRef input in split.Inputs)
                    {
                        foreach (SlotUse use in Uses(lineage.ReachOf(input), method))
                        {
                            facts.Own.Add(new SplitEffect(use.Slot, site, Array.Empty<string>()));
                        }
                    }
                }
            }

            // Needed only while the facts are built; what is kept lives to the end of the compilation.
            facts.FittedReaches.Clear();
            facts.Returned.Clear();
            return facts;
        }

        /// <summary>"Fit(rows) in Scaling.cs, line 12": where a fit or split is, for a message about a call of the method.</summary>
        public static string Site(Location location, string fallback)
        {
            string text = location.SourceTree?.GetText().ToString(location.SourceSpan) ?? fallback;
            string collapsed = string.Join(" ", text.Split(new[] { ' ', '\r', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries));
            if (collapsed.Length > 50)
            {
                collapsed = collapsed.Substring(0, 47) + "...";
            }

            FileLinePositionSpan span = location.GetLineSpan();
            string file = string.IsNullOrEmpty(span.Path) ? "?" : Path.GetFileName(span.Path);
            return collapsed + " in " + file + ", line " + (span.StartLinePosition.Line + 1);
        }

        /// <summary>The method's slots an expression is made of.</summary>
        public static List<SlotUse> Uses(Reach reach, IMethodSymbol method)
        {
            var uses = new List<SlotUse>();
            foreach (DataNode node in reach.Order)
            {
                if (Slot.Of(node.Variable, method) is { } slot && reach.Contains(node, out bool whole))
                {
                    uses.Add(new SlotUse(slot, whole));
                }
            }

            return uses;
        }

        private static bool HasFitsStatistics(IMethodSymbol method, LeakageSymbols symbols)
        {
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (symbols.HasAttribute(parameter, symbols.FitsStatistics))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Declared(IMethodSymbol method, LeakageSymbols symbols, LocalFacts facts)
        {
            if (symbols.HasAttribute(method, symbols.SplitsData))
            {
                facts.Own.SplitHelper = "declared [SplitsData]";
            }

            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (symbols.HasAttribute(parameter, symbols.FitsStatistics))
                {
                    facts.Own.Add(new FitEffect(Slot.Parameter(parameter), FitKind.Helper, whole: true, "its parameter '" + parameter.Name + "' is declared [FitsStatistics]", Array.Empty<string>()));
                }
            }
        }

        /// <summary>Cheap test before any dataflow: the body fits, splits, calls a summarized method or returns an estimator.</summary>
        private static void DirectFit(FitCall fit, IMethodSymbol method, MethodFlow flow, Lineage lineage, LeakageSymbols symbols, Recorder recorder, LocalFacts facts)
        {
            Reach reach = lineage.ReachOf(fit.Data);
            List<SlotUse> uses = Uses(reach, method);
            string site = Site(fit.Location, "Fit(...)");
            int needs = -1;
            if (fit.Kind == FitKind.Estimator)
            {
                recorder.Asked.Clear();
                if (!NormalizerChain.Contains(fit.Invocation!.Instance, flow, symbols))
                {
                    if (recorder.Asked.Count > 0 && uses.Count > 0)
                    {
                        facts.PendingFits.Add((uses, new List<ISymbol>(recorder.Asked), site));
                    }

                    // TrainModel(ml, data, pipeline) => pipeline.Fit(data): a fit when the caller's pipeline holds a normalizer.
                    needs = EstimatorParameter(fit.Invocation!.Instance, flow, method);
                    if (needs < 0)
                    {
                        return;
                    }
                }
            }

            foreach (SlotUse use in uses)
            {
                facts.Own.Add(new FitEffect(use.Slot, fit.Kind, use.Whole, site, Array.Empty<string>()) { Needs = needs });
            }

            if (needs < 0)
            {
                facts.FittedReaches.Add((reach, fit.Kind, site));
                Sinks(reach, method, lineage, symbols, fit.Kind, site, facts);
            }
        }

        /// <summary>
        /// A collection parameter the fitted rows are also written to (<c>sink.Add(row)</c> beside <c>fitter.Add(row)</c>):
        /// the caller's list ends up holding exactly what was fitted, so the fit is a fit on it.
        /// </summary>
        private static void Sinks(Reach fitted, IMethodSymbol method, Lineage lineage, LeakageSymbols symbols, FitKind kind, string site, LocalFacts facts)
        {
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                if (!symbols.IsCollection(parameter.Type) || Slot.Parameter(parameter) is var slot && facts.Own.FitsOn(slot).Any())
                {
                    continue;
                }

                Reach written = lineage.ReachOf(DataRef.OfMember(null, parameter));
                foreach (DataNode node in written.Order)
                {
                    if (node.Variable is not IParameterSymbol && fitted.Contains(node, out _))
                    {
                        facts.Own.Add(new FitEffect(slot, kind, whole: true, site + ", rows also written to '" + parameter.Name + "'", Array.Empty<string>()));
                        break;
                    }
                }
            }
        }

        /// <summary>
        /// The method returns rows it fitted on itself (<c>scaling.Fit(rows).Transform(rows)</c>, <c>return (rows, fitter)</c>,
        /// <c>new Loaded(rows, fitter)</c>) that its caller did not give it: whatever the caller does with them was fitted.
        /// </summary>
        private static void FittedReturns(IMethodSymbol method, Lineage lineage, LocalFacts facts)
        {
            if (facts.FittedReaches.Count == 0)
            {
                return;
            }

            foreach (IOperation value in facts.Returned)
            {
                Reach returned = lineage.ReachOf(value);
                foreach ((Reach fitted, FitKind kind, string site) in facts.FittedReaches)
                {
                    foreach (DataNode node in returned.Order)
                    {
                        if (Slot.Of(node.Variable, method) is null && node.Variable is not null && fitted.Contains(node, out _))
                        {
                            facts.Own.FittedData ??= (kind, site);
                            return;
                        }
                    }
                }
            }
        }

        /// <summary>The parameter an estimator comes from (<c>pipeline.Fit</c>, <c>pipeline.Append(trainer).Fit</c>), or −1.</summary>
        private static int EstimatorParameter(IOperation? estimator, MethodFlow flow, IMethodSymbol method)
        {
            for (int depth = 0; estimator is not null && depth < 16; depth++)
            {
                IOperation unwrapped = Operations.Unwrap(estimator);
                ISymbol? variable = Operations.Target(unwrapped);
                if (variable is IParameterSymbol parameter && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, method.OriginalDefinition))
                {
                    return parameter.Ordinal;
                }

                if (unwrapped is IInvocationOperation { Instance: { } instance })
                {
                    estimator = instance;
                    continue;
                }

                if (variable is not null && flow.FlowsInto(variable) is { Count: 1 } assigned)
                {
                    estimator = assigned[0].Value;
                    continue;
                }

                break;
            }

            return -1;
        }

        private static void AddCall(IMethodSymbol callee, IOperation? instance, ImmutableArray<IArgumentOperation> arguments, IMethodSymbol? method, Lineage lineage, LocalFacts facts)
        {
            if (method is null)
            {
                return;
            }

            var slots = new Dictionary<int, List<SlotUse>>();
            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is { } parameter)
                {
                    List<SlotUse> uses = Uses(lineage.ReachOf(argument.Value), method);
                    if (uses.Count > 0)
                    {
                        slots[parameter.Ordinal] = uses;
                    }
                }
            }

            bool onThis = instance is null || instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };
            facts.Calls.Add(new CallEdge(callee, slots, onThis));
        }

        private static void Returned(IOperation value, MethodFlow flow, LeakageSymbols symbols, Recorder recorder, LocalFacts facts)
        {
            if (symbols.IsEstimator(value.Type))
            {
                recorder.Asked.Clear();
                if (NormalizerChain.Contains(value, flow, symbols))
                {
                    facts.Own.Normalizer ??= Site(value.Syntax.GetLocation(), "return");
                }
                else
                {
                    facts.NormalizerFrom.AddRange(recorder.Asked);
                }

                return;
            }

            IOperation unwrapped = Operations.Unwrap(value);
            facts.Returned.Add(value);
            if (IsSplitResult(unwrapped, flow, symbols))
            {
                facts.Own.SplitHelper ??= Site(value.Syntax.GetLocation(), "return");
                return;
            }

            if (unwrapped is IInvocationOperation call && SummaryTable.IsSummarizable(call.TargetMethod, symbols))
            {
                facts.SplitHelperFrom.Add(SummaryTable.Key(call.TargetMethod));
                facts.FittedDataFrom.Add(SummaryTable.Key(call.TargetMethod));
            }
            else if (Operations.Target(unwrapped) is { } variable)
            {
                // IDataView rows = await LoadRowsAsync(...); …; return rows: the callee's rows, as they came.
                foreach (Flow assigned in flow.FlowsInto(variable))
                {
                    if (Operations.Unwrap(assigned.Value) is IInvocationOperation source && SummaryTable.IsSummarizable(source.TargetMethod, symbols))
                    {
                        facts.FittedDataFrom.Add(SummaryTable.Key(source.TargetMethod));
                    }
                }
            }
        }

        /// <summary>A split's result, its parts gathered in a tuple or an object, or the variable that holds it.</summary>
        private static bool IsSplitResult(IOperation value, MethodFlow flow, LeakageSymbols symbols)
        {
            if (flow.SplitOf(value) is not null || flow.PartOf(Operations.Target(value)) is { IsHolder: true })
            {
                return true;
            }

            ImmutableArray<IOperation> parts = value switch
            {
                ITupleOperation tuple => tuple.Elements,
                IObjectCreationOperation creation => Values(creation),
                _ => ImmutableArray<IOperation>.Empty,
            };
            int found = 0, collections = 0;
            foreach (IOperation part in parts)
            {
                if (flow.Splits.Count > 0 && symbols.IsCollection(Operations.Unwrap(part).Type))
                {
                    collections++; // parts of rows split here: return (all.Take(n), all.Skip(n)), new Parts(fit, tune, test)
                }

                IOperation unwrapped = Operations.Unwrap(part);
                if (flow.PartOf(Operations.Target(unwrapped)) is { } splitPart && !splitPart.IsHolder
                    || unwrapped is IMemberReferenceOperation member && flow.PartOf(Operations.Target(Operations.Unwrap(member.Instance ?? member))) is { IsHolder: true })
                {
                    found++;
                }
            }

            return found >= 2 || collections >= 2;
        }

        private static ImmutableArray<IOperation> Values(IObjectCreationOperation creation)
        {
            ImmutableArray<IOperation>.Builder values = ImmutableArray.CreateBuilder<IOperation>();
            foreach (IArgumentOperation argument in creation.Arguments)
            {
                values.Add(argument.Value);
            }

            if (creation.Initializer is { } initializer)
            {
                foreach (IOperation element in initializer.Initializers)
                {
                    if (element is ISimpleAssignmentOperation assignment)
                    {
                        values.Add(assignment.Value);
                    }
                }
            }

            return values.ToImmutable();
        }

        private static void FieldChain(ISymbol member, IOperation value, MethodFlow flow, LeakageSymbols symbols, Recorder recorder, LocalFacts facts)
        {
            recorder.Asked.Clear();
            if (NormalizerChain.Contains(value, flow, symbols))
            {
                facts.FieldChains.Add((member.OriginalDefinition, new List<ISymbol>(), Site(value.Syntax.GetLocation(), member.Name)));
            }
            else if (recorder.Asked.Count > 0)
            {
                facts.FieldChains.Add((member.OriginalDefinition, new List<ISymbol>(recorder.Asked), Site(value.Syntax.GetLocation(), member.Name)));
            }
        }

        private static IEnumerable<ISymbol> Initialized(ISymbolInitializerOperation initializer) => initializer switch
        {
            IFieldInitializerOperation field => field.InitializedFields,
            IPropertyInitializerOperation property => property.InitializedProperties,
            _ => Array.Empty<ISymbol>(),
        };

        /// <summary>A return of the method itself, not of a lambda or local function inside it.</summary>
        private static bool OwnReturn(IReturnOperation returned) => Operations.EnclosingFunction(returned) is null;

        /// <summary>While summaries are built: records which methods and fields an estimator chain was asked about.</summary>
        private sealed class Recorder : INormalizerSources
        {
            public List<ISymbol> Asked { get; } = new List<ISymbol>();

            public bool Returns(IMethodSymbol method)
            {
                Asked.Add(method);
                return false;
            }

            public bool Holds(ISymbol member)
            {
                Asked.Add(member);
                return false;
            }
        }
    }
}
