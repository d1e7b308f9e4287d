using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>A value that flows into a variable; <see cref="Subset"/> when the variable gets only part of its rows (an element, a member).</summary>
    internal readonly struct Flow
    {
        public Flow(IOperation value, bool subset)
        {
            Value = value;
            Subset = subset;
        }

        public IOperation Value { get; }

        public bool Subset { get; }
    }

    /// <summary>
    /// Everything NG0006 needs to know about one method body (its local functions and lambdas included), gathered in
    /// one walk: what flows into each variable, which variables hold split results, the splits, and where each local
    /// function is called. Built only for methods that fit something.
    /// </summary>
    internal sealed class MethodFlow
    {
        private static readonly ImmutableArray<Flow> NoFlows = ImmutableArray<Flow>.Empty;

        private static readonly HashSet<string> CollectionWrites = new HashSet<string>
        {
            "Add", "AddRange", "Insert", "InsertRange", "Push", "Enqueue", "UnionWith", "TryAdd",
        };

        private readonly LeakageSymbols _symbols;
        private readonly Dictionary<ISymbol, List<Flow>> _flows = new Dictionary<ISymbol, List<Flow>>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, SplitPart> _parts = new Dictionary<ISymbol, SplitPart>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, List<IOperation>> _localFunctionCalls = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        private readonly List<(ISymbol Part, SplitCall Split)> _loopParts = new List<(ISymbol, SplitCall)>();
        private readonly Dictionary<ISymbol, List<ISymbol>> _loopsOver = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, List<IOperation>> _localFunctionReturns = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        private readonly Dictionary<IInvocationOperation, SplitCall?> _splitCache = new Dictionary<IInvocationOperation, SplitCall?>();
        private readonly List<SplitCall> _splits = new List<SplitCall>();
        private readonly List<IInvocationOperation> _transforms = new List<IInvocationOperation>();
        private readonly List<IOperation> _views = new List<IOperation>();
        private readonly HashSet<ISymbol> _evaluated = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private Dictionary<ISymbol, string> _viewEvaluation = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
        private HashSet<ISymbol> _viewTraining = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private HashSet<ISymbol> _viewEarlier = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        private MethodFlow(LeakageSymbols symbols, INormalizerSources? sources, SummaryTable? summaries)
        {
            _symbols = symbols;
            Sources = sources;
            Summaries = summaries;
        }

        /// <summary>Other methods' estimator chains, when known (summaries) or being recorded; null: this method only.</summary>
        public INormalizerSources? Sources { get; }

        /// <summary>The compilation's method summaries, at compilation end: calls of helpers that split count as splits.</summary>
        public SummaryTable? Summaries { get; }

        public IReadOnlyList<SplitCall> Splits => _splits;

        /// <summary>Calls named <c>Transform</c> with a receiver: where fitted ML.NET models are applied.</summary>
        public IReadOnlyList<IInvocationOperation> Transforms => _transforms;

        public static MethodFlow Build(ImmutableArray<IOperation> blocks, LeakageSymbols symbols, CancellationToken cancellationToken, INormalizerSources? sources = null, SummaryTable? summaries = null)
        {
            var flow = new MethodFlow(symbols, sources, summaries);
            int visited = 0;
            foreach (IOperation block in blocks)
            {
                foreach (IOperation operation in block.DescendantsAndSelf())
                {
                    if ((++visited & 255) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    flow.Visit(operation);
                }
            }

            if (flow._views.Count >= 1)
            {
                (List<SplitCall> splits, Dictionary<ISymbol, string> evaluation, HashSet<ISymbol> training, HashSet<ISymbol> earlier) = ViewSplits.Find(flow._views, flow._evaluated, flow._loopsOver, symbols);
                flow._splits.AddRange(splits);
                flow._viewEvaluation = evaluation;
                flow._viewTraining = training;
                flow._viewEarlier = earlier;
            }

            // The parts of a loop split are judged by their names: the loop says nothing of which one is evaluated.
            foreach ((ISymbol part, SplitCall split) in flow._loopParts)
            {
                if (EvaluationNames.IsEvaluation(part.Name))
                {
                    flow._viewEvaluation[part] = "the evaluation part of a split by a loop (line " + split.Line + ")";
                }
                else if (EvaluationNames.IsTraining(part.Name))
                {
                    flow._viewTraining.Add(part);
                }
            }

            return flow;
        }

        /// <summary>Why a variable holds an evaluation part of a split made of views (<c>rows.Skip(n)</c>), or null.</summary>
        public string? ViewEvaluation(ISymbol symbol) => _viewEvaluation.TryGetValue(symbol, out string? why) ? why : null;

        /// <summary>The variable holds the training part (the earlier part, the rest of a fold) of a split made of views.</summary>
        public bool ViewTraining(ISymbol symbol) => _viewTraining.Contains(symbol);

        /// <summary>The variable holds an earlier part of some rows (<c>rows.Take(n)</c>, <c>rows.GetRange(0, n)</c>,
        /// <c>rows[..n]</c>) or a part named as training, whether or not the rest is used here.</summary>
        public bool ViewEarlier(ISymbol symbol) => _viewEarlier.Contains(symbol);

        /// <summary>Every variable something flows into.</summary>
        public IEnumerable<ISymbol> Assigned => _flows.Keys;

        public IReadOnlyList<Flow> FlowsInto(ISymbol symbol) =>
            _flows.TryGetValue(symbol, out List<Flow>? flows) ? flows : (IReadOnlyList<Flow>)NoFlows;

        public SplitPart? PartOf(ISymbol? symbol) =>
            symbol is not null && _parts.TryGetValue(symbol, out SplitPart? part) ? part : null;

        /// <summary>The values a local function of the method returns.</summary>
        public IReadOnlyList<IOperation> ReturnsOf(IMethodSymbol localFunction) =>
            _localFunctionReturns.TryGetValue(localFunction.OriginalDefinition, out List<IOperation>? returned) ? returned : (IReadOnlyList<IOperation>)ImmutableArray<IOperation>.Empty;

        public IReadOnlyList<IOperation> CallsOf(ISymbol localFunction) =>
            _localFunctionCalls.TryGetValue(localFunction, out List<IOperation>? calls) ? calls : (IReadOnlyList<IOperation>)ImmutableArray<IOperation>.Empty;

        public SplitCall? SplitOf(IOperation? operation)
        {
            if (operation is null || Operations.Unwrap(operation) is not IInvocationOperation invocation)
            {
                return null;
            }

            if (!_splitCache.TryGetValue(invocation, out SplitCall? split))
            {
                split = SplitCall.TryCreate(invocation, _symbols) ?? Summaries?.HelperSplit(invocation);
                _splitCache[invocation] = split;
            }

            return split;
        }

        private void Visit(IOperation operation)
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator:
                    if (declarator.GetVariableInitializer() is { } initializer)
                    {
                        Assign(declarator.Symbol, initializer.Value);
                    }

                    break;
                case ISimpleAssignmentOperation assignment:
                    Assign(Operations.Target(assignment.Target), assignment.Value);
                    break;
                case ICompoundAssignmentOperation compound:
                    AddFlow(Operations.Target(compound.Target), compound.Value, subset: false);
                    break;
                case ICoalesceAssignmentOperation coalesce:
                    AddFlow(Operations.Target(coalesce.Target), coalesce.Value, subset: false);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    Deconstruct(deconstruction.Target, deconstruction.Value);
                    break;
                case IForEachLoopOperation loop:
                    foreach (ILocalSymbol local in loop.Locals)
                    {
                        AddFlow(local, loop.Collection, subset: true);
                    }

                    if (Operations.Target(Operations.Unwrap(loop.Collection)) is { } iterated && !loop.Locals.IsEmpty)
                    {
                        AddLoop(iterated, loop.Locals[0]);
                    }

                    if (LoopSplits.Find(loop, _symbols) is { } loopSplit)
                    {
                        _splits.Add(loopSplit.Split);
                        foreach (ISymbol part in new[] { loopSplit.WhenTrue, loopSplit.WhenFalse })
                        {
                            AddFlow(part, loop.Collection, subset: true);
                            _loopParts.Add((part, loopSplit.Split));
                        }
                    }

                    break;
                case IIsPatternOperation { Pattern: IDeclarationPatternOperation { DeclaredSymbol: { } declared } } pattern:
                    AddFlow(declared, pattern.Value, subset: false);
                    break;
                case IReturnOperation { ReturnedValue: { } returned } when Operations.EnclosingFunction(operation) is ILocalFunctionOperation function:
                    AddReturn(function.Symbol, returned);
                    break;
                case IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } reference:
                    AddCall(reference.Method, reference);
                    break;
                case IInvocationOperation invocation:
                    VisitInvocation(invocation);
                    break;
                case IArrayElementReferenceOperation or IPropertyReferenceOperation { Arguments.Length: 1 } or IImplicitIndexerReferenceOperation
                    when ViewSplits.IsElementView(operation, _symbols):
                    _views.Add(operation);
                    break;
            }
        }

        private void VisitInvocation(IInvocationOperation invocation)
        {
            IMethodSymbol method = invocation.TargetMethod;
            SplitCall? split = SplitOf(invocation);
            if (split is not null)
            {
                _splits.Add(split);
            }

            if (method.MethodKind == MethodKind.LocalFunction)
            {
                AddCall(method, invocation);
            }

            if (method.Name == "Transform" && invocation.Instance is not null && invocation.Arguments.Length == 1)
            {
                _transforms.Add(invocation);
            }

            if (ViewSplits.IsView(invocation))
            {
                _views.Add(invocation);
            }

            // ml.Regression.Evaluate(model.Transform(lastYear)): the variables a model is evaluated on.
            if (method.Name.StartsWith("Evaluate", StringComparison.Ordinal))
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    foreach (IOperation inner in argument.Value.DescendantsAndSelf())
                    {
                        if (inner is ILocalReferenceOperation local)
                        {
                            _evaluated.Add(local.Local);
                        }
                    }
                }
            }

            int outIndex = 0;
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter)
                {
                    continue;
                }

                if (parameter.RefKind == RefKind.Out)
                {
                    ISymbol? target = Operations.Target(argument.Value);
                    if (target is not null && split is not null)
                    {
                        _parts[target] = new SplitPart(split, outIndex, target.Name);
                    }
                    else if (target is not null)
                    {
                        AddInputFlows(target, invocation, except: argument, subset: false);
                    }

                    outIndex++;
                    continue;
                }

                if (Operations.Lambda(argument.Value) is { } lambda)
                {
                    // rows.Where(r => …), Parallel.ForEach(parts, p => …): the lambda's parameters take the rows of the other inputs.
                    foreach (IParameterSymbol lambdaParameter in lambda.Symbol.Parameters)
                    {
                        AddInputFlows(lambdaParameter, invocation, except: argument, subset: true);
                    }
                }
                else if (method.MethodKind == MethodKind.LocalFunction)
                {
                    AddFlow(parameter.OriginalDefinition, argument.Value, subset: false);
                }
            }

            // all.AddRange(test): the collection now holds the test rows too.
            if (CollectionWrites.Contains(method.Name)
                && invocation.Instance is { } instance
                && _symbols.IsCollection(instance.Type)
                && Operations.Target(instance) is { } collection)
            {
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    AddFlow(collection, argument.Value, subset: false);
                }
            }
        }

        private void AddInputFlows(ISymbol target, IInvocationOperation invocation, IArgumentOperation except, bool subset)
        {
            if (invocation.Instance is { } instance && !_symbols.IsOpaque(instance.Type))
            {
                AddFlow(target, instance, subset);
            }

            foreach (IArgumentOperation other in invocation.Arguments)
            {
                if (other != except && other.Parameter is not { RefKind: RefKind.Out } && Operations.Lambda(other.Value) is null)
                {
                    AddFlow(target, other.Value, subset);
                }
            }
        }

        private void Assign(ISymbol? target, IOperation value)
        {
            if (target is null)
            {
                return;
            }

            if (SplitOf(value) is { } split)
            {
                _parts[target] = new SplitPart(split, -1, target.Name);
                return;
            }

            AddFlow(target, value, subset: false);
        }

        private void Deconstruct(IOperation target, IOperation value)
        {
            if (target is IDeclarationExpressionOperation declaration)
            {
                target = declaration.Expression;
            }

            if (target is not ITupleOperation targets)
            {
                Assign(Operations.Target(target), value);
                return;
            }

            IOperation source = Operations.Unwrap(value);
            if (source is ITupleOperation values && values.Elements.Length == targets.Elements.Length)
            {
                for (int i = 0; i < targets.Elements.Length; i++)
                {
                    Deconstruct(targets.Elements[i], values.Elements[i]);
                }

                return;
            }

            SplitCall? split = SplitOf(source);
            for (int i = 0; i < targets.Elements.Length; i++)
            {
                IOperation element = targets.Elements[i] is IDeclarationExpressionOperation d ? d.Expression : targets.Elements[i];
                if (element is ITupleOperation)
                {
                    Deconstruct(element, value);
                    continue;
                }

                ISymbol? symbol = Operations.Target(element);
                if (symbol is null)
                {
                    continue;
                }

                if (split is not null)
                {
                    _parts[symbol] = new SplitPart(split, i, symbol.Name);
                }
                else
                {
                    AddFlow(symbol, value, subset: true);
                }
            }
        }

        private void AddFlow(ISymbol? target, IOperation value, bool subset)
        {
            if (target is null)
            {
                return;
            }

            if (!_flows.TryGetValue(target, out List<Flow>? flows))
            {
                flows = new List<Flow>(1);
                _flows.Add(target, flows);
            }

            flows.Add(new Flow(value, subset));
        }

        private void AddLoop(ISymbol collection, ISymbol element)
        {
            if (!_loopsOver.TryGetValue(collection, out List<ISymbol>? elements))
            {
                elements = new List<ISymbol>(1);
                _loopsOver.Add(collection, elements);
            }

            elements.Add(element);
        }

        private void AddReturn(IMethodSymbol localFunction, IOperation value)
        {
            ISymbol key = localFunction.OriginalDefinition;
            if (!_localFunctionReturns.TryGetValue(key, out List<IOperation>? returned))
            {
                returned = new List<IOperation>(1);
                _localFunctionReturns.Add(key, returned);
            }

            returned.Add(value);
        }

        private void AddCall(IMethodSymbol localFunction, IOperation call)
        {
            ISymbol key = localFunction.OriginalDefinition;
            if (!_localFunctionCalls.TryGetValue(key, out List<IOperation>? calls))
            {
                calls = new List<IOperation>(1);
                _localFunctionCalls.Add(key, calls);
            }

            calls.Add(call);
        }
    }
}
