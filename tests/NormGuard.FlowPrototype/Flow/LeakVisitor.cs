using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis.DataFlow;
using Microsoft.CodeAnalysis.FlowAnalysis.DataFlow.PointsToAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NormGuard.Generators.Analyzers.Leakage;

namespace NormGuard.FlowPrototype.Flow;

using LeakData = DictionaryAnalysisData<AbstractLocation, LeakValue>;

internal sealed partial class LeakFlowAnalysis
{
    /// <summary>
    /// Transfer functions. Objects are points-to locations; values of value types (row structs) live on a location made
    /// for their local or parameter. A fit marks every data object its argument derives from; a split reports the fits
    /// marked on what it splits; evaluation data (a split's <c>TestSet</c>, a part named as evaluation data) reports the
    /// fit that receives it. Calls into source methods are followed by the framework (context-sensitive); other calls
    /// pass their inputs through to their result.
    /// </summary>
    private sealed class LeakVisitor : AbstractLocationDataFlowOperationVisitor<LeakData, LeakContext, LeakResult, LeakValue>
    {
        public LeakVisitor(LeakContext context)
            : base(context)
        {
        }

        private Vocabulary Vocabulary => DataFlowAnalysisContext.Vocabulary;

        private ImmutableStack<IOperation> CallStack => DataFlowAnalysisContext.InterproceduralAnalysisData?.CallStack ?? ImmutableStack<IOperation>.Empty;

        /// <summary>The calls from the top-level method to here, outermost first.</summary>
        private ImmutableArray<IOperation> Chain => CallStack.Reverse().ToImmutableArray();

        private int Depth => CallStack.Count();

        protected override LeakValue GetAbstractDefaultValue(ITypeSymbol? type) => LeakValue.None;

        protected override LeakValue GetAbstractValue(AbstractLocation location) => CurrentAnalysisData.TryGetValue(location, out LeakValue? value) ? value : LeakValue.None;

        protected override void SetAbstractValue(AbstractLocation location, LeakValue value)
        {
            if (location.IsNull || location.IsNoLocation)
            {
                return;
            }

            CurrentAnalysisData[location] = value;
        }

        protected override void StopTrackingAbstractValue(AbstractLocation location) => CurrentAnalysisData.Remove(location);

        protected override bool HasAnyAbstractValue(LeakData data) => data.Count > 0;

        protected override void ResetCurrentAnalysisData() => ResetAnalysisData(CurrentAnalysisData);

        protected override void SetValueForParameterPointsToLocationOnEntry(IParameterSymbol parameter, PointsToAbstractValue pointsToAbstractValue)
        {
            // Objects keep their state across the call: the caller's data is the callee's initial data.
        }

        protected override void EscapeValueForParameterPointsToLocationOnExit(IParameterSymbol parameter, AnalysisEntity analysisEntity, ImmutableHashSet<AbstractLocation> escapedLocations)
        {
        }

        protected override void SetValueForParameterOnEntry(IParameterSymbol parameter, AnalysisEntity analysisEntity, ArgumentInfo<LeakValue>? assignedValue)
        {
            base.SetValueForParameterOnEntry(parameter, analysisEntity, assignedValue);
            if (assignedValue is not null && !assignedValue.Value.IsNone)
            {
                SetAbstractValue(SymbolLocation(parameter), assignedValue.Value);
            }
        }

        protected override void SetAbstractValueForArrayElementInitializer(IArrayCreationOperation arrayCreation, ImmutableArray<AbstractIndex> indices, ITypeSymbol elementType, IOperation initializer, LeakValue value) =>
            Absorb(arrayCreation, ValueOf(initializer));

        protected override void SetAbstractValueForAssignment(IOperation target, IOperation? assignedValueOperation, LeakValue assignedValue, bool mayBeAssignment = false)
        {
            LeakValue value = assignedValueOperation is null ? assignedValue : LeakValue.Merge(assignedValue, ValueOf(assignedValueOperation));
            switch (target)
            {
                // Every local and parameter also keeps its value on a location of its own: points-to analysis loses
                // objects through tuples, deconstruction and library calls on unknown receivers (found on the corpus).
                case ILocalReferenceOperation local:
                    SetAbstractValue(SymbolLocation(local.Local), value);
                    break;
                case IParameterReferenceOperation parameter:
                    SetAbstractValue(SymbolLocation(parameter.Parameter), value);
                    break;
                case IArrayElementReferenceOperation element:
                    Absorb(element.ArrayReference, value); // rows written into an array are rows of the array
                    break;
            }
        }

        protected override void SetAbstractValueForTupleElementAssignment(AnalysisEntity tupleElementEntity, IOperation assignedValueOperation, LeakValue assignedValue)
        {
        }

        protected override LeakData MergeAnalysisData(LeakData value1, LeakData value2) => Domain.Merge(value1, value2);

        protected override void UpdateValuesForAnalysisData(LeakData targetAnalysisData) => UpdateValuesForAnalysisData(targetAnalysisData, CurrentAnalysisData);

        protected override LeakData GetClonedAnalysisData(LeakData analysisData) => GetClonedAnalysisDataHelper(analysisData);

        public override LeakData GetEmptyAnalysisData() => GetEmptyAnalysisDataHelper();

        protected override LeakData GetExitBlockOutputData(LeakResult analysisResult) => GetClonedAnalysisDataHelper(analysisResult.ExitBlockOutput.Data);

        protected override void ApplyMissingCurrentAnalysisDataForUnhandledExceptionData(LeakData dataAtException, ThrownExceptionInfo throwBranchWithExceptionType) =>
            ApplyMissingCurrentAnalysisDataForUnhandledExceptionData(dataAtException, CurrentAnalysisData);

        protected override bool Equals(LeakData value1, LeakData value2) => EqualsHelper(value1, value2);

        // ---- values of expressions

        public override LeakValue VisitLocalReference(ILocalReferenceOperation operation, object? argument)
        {
            _ = base.VisitLocalReference(operation, argument);
            MarkIfNamedEvaluation(operation, operation.Local.Name);
            return ValueOf(operation);
        }

        public override LeakValue VisitParameterReference(IParameterReferenceOperation operation, object? argument)
        {
            _ = base.VisitParameterReference(operation, argument);
            MarkIfNamedEvaluation(operation, operation.Parameter.Name);
            return ValueOf(operation);
        }

        public override LeakValue VisitFieldReference(IFieldReferenceOperation operation, object? argument)
        {
            _ = base.VisitFieldReference(operation, argument);
            MarkIfNamedEvaluation(operation, operation.Field.Name);
            return ValueOf(operation);
        }

        public override LeakValue VisitPropertyReference(IPropertyReferenceOperation operation, object? argument)
        {
            _ = base.VisitPropertyReference(operation, argument);
            if (Vocabulary.IsTestSetProperty(operation.Property))
            {
                MarkEvaluation(operation);
            }
            else
            {
                MarkIfNamedEvaluation(operation, operation.Property.Name);
            }

            LeakValue value = ValueOf(operation);
            if (Vocabulary.IsTestSetProperty(operation.Property))
            {
                // Also on the value itself: the split holder may be an object points-to analysis does not know (a fold).
                value = value.With(evaluationDepth: System.Math.Min(value.EvaluationDepth, Depth));
            }

            if (!operation.Property.ContainingAssembly.Equals(OwningSymbol.ContainingAssembly, SymbolEqualityComparer.Default) && operation.Instance is { } instance)
            {
                // A property of a library object (enumerator.Current, fold.TrainSet) is derived from the object.
                LeakValue held = ValueOf(instance).With(splitSeen: false);
                value = LeakValue.Merge(value, IsData(operation) ? held : held.With(origins: ImmutableHashSet<AbstractLocation>.Empty));
            }

            return value;
        }

        public override LeakValue VisitAwait(IAwaitOperation operation, object? argument)
        {
            _ = base.VisitAwait(operation, argument);
            return LeakValue.Merge(ValueOf(operation.Operation), ValueOf(operation));
        }

        public override LeakValue VisitConversion(IConversionOperation operation, object? argument)
        {
            _ = base.VisitConversion(operation, argument);
            return ValueOf(operation.Operand);
        }

        private readonly Dictionary<CaptureId, LeakValue> _captures = new();

        public override LeakValue VisitFlowCapture(IFlowCaptureOperation operation, object? argument)
        {
            LeakValue value = base.VisitFlowCapture(operation, argument);
            LeakValue captured = LeakValue.Merge(value, ValueOf(operation.Value));
            _captures[operation.Id] = _captures.TryGetValue(operation.Id, out LeakValue? old) ? LeakValue.Merge(old, captured) : captured;
            return value;
        }

        public override LeakValue VisitFlowCaptureReference(IFlowCaptureReferenceOperation operation, object? argument)
        {
            LeakValue value = base.VisitFlowCaptureReference(operation, argument);
            return LeakValue.Merge(value, ValueOf(operation));
        }

        /// <summary><c>var (train, test) = Split(rows)</c>: each local gets the parts' value; a later part of a split that is not
        /// named as training is evaluation data (the shipped rule's convention).</summary>
        public override LeakValue VisitDeconstructionAssignment(IDeconstructionAssignmentOperation operation, object? argument)
        {
            LeakValue value = base.VisitDeconstructionAssignment(operation, argument);
            LeakValue parts = ValueOf(operation.Value);
            IOperation source = operation.Value;
            while (source is IConversionOperation conversion)
            {
                source = conversion.Operand;
            }

            bool fromSplit = source is IInvocationOperation call && Vocabulary.IsSplit(call.TargetMethod, out _);
            IOperation target = operation.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : operation.Target;
            if (target is ITupleOperation tuple)
            {
                for (int i = 0; i < tuple.Elements.Length; i++)
                {
                    ILocalSymbol? local = tuple.Elements[i] switch
                    {
                        ILocalReferenceOperation reference => reference.Local,
                        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation reference } => reference.Local,
                        _ => null,
                    };
                    if (local is null)
                    {
                        continue;
                    }

                    bool evaluation = EvaluationNames.IsEvaluation(local.Name) || (fromSplit && i >= 1 && !EvaluationNames.IsTraining(local.Name));
                    SetAbstractValue(SymbolLocation(local), evaluation ? parts.With(evaluationDepth: System.Math.Min(parts.EvaluationDepth, Depth)) : parts);
                }
            }

            return value;
        }

        // ---- calls

        public override LeakValue VisitInvocation_NonLambdaOrDelegateOrLocalFunction(
            IMethodSymbol method, IOperation? visitedInstance, ImmutableArray<IArgumentOperation> visitedArguments, bool invokedAsDelegate, IOperation originalOperation, LeakValue defaultValue)
        {
            LeakValue value = base.VisitInvocation_NonLambdaOrDelegateOrLocalFunction(method, visitedInstance, visitedArguments, invokedAsDelegate, originalOperation, defaultValue);
            if (TryGetInterproceduralAnalysisResult(originalOperation, out _))
            {
                // The framework analysed the callee in this context: its effects on objects are already in the state.
                return LeakValue.Merge(value, ValueOf(originalOperation));
            }

            return Materialize(originalOperation, External(method, visitedInstance, visitedArguments, originalOperation));
        }

        public override LeakValue VisitObjectCreation(IObjectCreationOperation operation, object? argument)
        {
            LeakValue value = base.VisitObjectCreation(operation, argument);
            if (TryGetInterproceduralAnalysisResult(operation, out _) || operation.Constructor is null)
            {
                return LeakValue.Merge(value, ValueOf(operation));
            }

            // A library constructor (new List<Row>(rows), new Loaded(rows, fitter)) holds what it is given.
            return Materialize(operation, External(operation.Constructor, null, operation.Arguments, operation));
        }

        private LeakValue External(IMethodSymbol method, IOperation? instance, ImmutableArray<IArgumentOperation> arguments, IOperation call)
        {
            var inputs = new List<IOperation>();
            if (instance is not null)
            {
                inputs.Add(instance);
            }

            inputs.AddRange(arguments.Where(a => a.Parameter?.RefKind != RefKind.Out).Select(a => a.Value));

            // Sinks: a fit of statistics.
            if (Vocabulary.IsFitterAdd(method) && arguments.Length == 1)
            {
                FitSite site = Fit(call, arguments[0].Value);
                if (instance is not null)
                {
                    Absorb(instance, LeakValue.None.With(fits: ImmutableHashSet.Create(site)));
                }

                return LeakValue.None;
            }

            if (Vocabulary.IsEstimatorFit(method, instance) && arguments.Length >= 1 && ValueOf(instance!).Statistical)
            {
                bool wholeAlreadySplit = WasSplit(arguments[0].Value);
                FitSite site = Fit(call, arguments[0].Value);
                return LeakValue.None.With(fits: ImmutableHashSet.Create(site), fitsOnSplitWhole: wholeAlreadySplit ? ImmutableHashSet.Create(site) : ImmutableHashSet<FitSite>.Empty);
            }

            foreach (IArgumentOperation argument in arguments)
            {
                if (argument.Parameter is { } parameter && Vocabulary.FitsParameter(parameter))
                {
                    Fit(call, argument.Value);
                }
            }

            // Splits: statistics already learned from what is split leak into every part.
            if (Vocabulary.IsSplit(method, out _))
            {
                foreach (IOperation input in inputs.Where(IsData))
                {
                    Split(call, input);
                }

                return LeakValue.None; // a part is new data: its own origin
            }

            // A fitted transformer applied to evaluation data after it was fitted on the whole of split data.
            if (method.Name == "Transform" && instance is not null && arguments.Length == 1 && ValueOf(arguments[0].Value) is { IsEvaluation: true })
            {
                foreach (FitSite fit in ValueOf(instance).FitsOnSplitWhole)
                {
                    DataFlowAnalysisContext.Events.Report(fit.Frame(CommonDepth(fit)), "fitted on all rows of data that was split, then evaluated on its evaluation part");
                }
            }

            // Rows except the evaluation part are not evaluation data.
            if (method.Name == "Except" && arguments.Length == 2 && NormGuard.FlowPrototype.Flow.Vocabulary.InNamespace(method, "System.Linq"))
            {
                return DataOnly(arguments[0].Value, ValueOf(arguments[0].Value)).With(splitSeen: false, evaluationDepth: LeakValue.NotEvaluation);
            }

            // Anything else passes its inputs through (Append builds a chain, Transform carries the fits it applies,
            // LoadFromEnumerable, ToList, Concat and Select carry their rows).
            LeakValue result = LeakValue.None;
            foreach (IOperation input in inputs)
            {
                result = LeakValue.Merge(result, DataOnly(input, ValueOf(input)).With(splitSeen: false));
            }

            if (Vocabulary.IsFittingStep(method, call))
            {
                result = result.With(statistical: true);
            }

            // Rows added to a collection become rows of the collection.
            if (instance is not null && method.Name is "Add" or "AddRange" or "Insert" or "Enqueue" or "Push" && IsData(instance))
            {
                foreach (IArgumentOperation argument in arguments)
                {
                    Absorb(instance, DataOnly(argument.Value, ValueOf(argument.Value)).With(splitSeen: false));
                }
            }

            return result;
        }

        private static readonly bool TraceOn = System.Environment.GetEnvironmentVariable("NG_FLOW_TRACE") == "1";

        private void Trace(string what, IOperation at, IOperation data)
        {
            if (TraceOn)
            {
                LeakValue v = ValueOf(data);
                System.Console.Error.WriteLine($"[{OwningSymbol.Name} d{Depth}] {what} {at.Syntax.ToString().Replace('\n', ' ')} data={data.Syntax} pt={GetPointsToAbstractValue(data).Kind}/{GetPointsToAbstractValue(data).Locations.Count} origins={v.Origins.Count} fits={v.Fits.Count}+{v.Origins.Sum(o => GetAbstractValue(o).Fits.Count)} eval={v.EvaluationDepth}");
            }
        }

        private FitSite Fit(IOperation call, IOperation data)
        {
            Trace("FIT", call, data);
            var site = new FitSite(call, Chain);
            LeakValue value = ValueOf(data);
            if (value.IsEvaluation)
            {
                DataFlowAnalysisContext.Events.Report(site.Frame(System.Math.Min(value.EvaluationDepth, Depth)), "statistics fitted on evaluation data");
            }

            foreach (AbstractLocation origin in value.Origins)
            {
                LeakValue state = GetAbstractValue(origin);
                SetAbstractValue(origin, state.With(fits: state.Fits.Add(site)));
            }

            return site;
        }

        private bool WasSplit(IOperation data)
        {
            LeakValue value = ValueOf(data);
            return value.SplitSeen || value.Origins.Any(o => GetAbstractValue(o).SplitSeen);
        }

        private void Split(IOperation call, IOperation data)
        {
            Trace("SPLIT", call, data);
            LeakValue value = ValueOf(data);
            IEnumerable<FitSite> fits = value.Fits.Concat(value.Origins.SelectMany(o => GetAbstractValue(o).Fits)).Distinct();
            foreach (FitSite fit in fits)
            {
                DataFlowAnalysisContext.Events.Report(fit.Frame(CommonDepth(fit)), "statistics fitted on data that is split afterwards (" + call.Syntax.ToString().Split('(')[0].Trim() + ")");
            }

            foreach (AbstractLocation origin in value.Origins)
            {
                SetAbstractValue(origin, GetAbstractValue(origin).With(splitSeen: true));
            }
        }

        /// <summary>Where fit and split (or use) part: the first frame in which their call chains differ.</summary>
        private int CommonDepth(FitSite fit)
        {
            ImmutableArray<IOperation> chain = Chain;
            int depth = 0;
            while (depth < fit.Chain.Length && depth < chain.Length && fit.Chain[depth].Syntax == chain[depth].Syntax)
            {
                depth++;
            }

            return depth;
        }

        // ---- helpers

        /// <summary>The value of an expression: its own, the state of the objects it may point to (each its own origin),
        /// and for a value-type local or parameter the state kept for it.</summary>
        private LeakValue ValueOf(IOperation operation)
        {
            while (operation is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            LeakValue value = LeakValue.None;
            AbstractLocation? own = operation switch
            {
                ILocalReferenceOperation local => SymbolLocation(local.Local),
                IParameterReferenceOperation parameter => SymbolLocation(parameter.Parameter),
                _ => null,
            };
            if (own is not null)
            {
                LeakValue state = GetAbstractValue(own);
                value = IsDataType(operation.Type) ? state.With(origins: state.Origins.Add(own)) : state;
            }

            if (operation is IFlowCaptureReferenceOperation captureReference && _captures.TryGetValue(captureReference.Id, out LeakValue? captured))
            {
                value = LeakValue.Merge(value, captured);
            }

            if (operation is IInvocationOperation or IObjectCreationOperation or IPropertyReferenceOperation or IAwaitOperation)
            {
                // The value computed when the operation was visited (it carries what an unknown object would have held).
                try
                {
                    value = LeakValue.Merge(value, GetCachedAbstractValue(operation));
                }
                catch (System.Exception)
                {
                }
            }

            PointsToAbstractValue pointsTo = GetPointsToAbstractValue(operation);
            if (pointsTo.Kind == PointsToAbstractValueKind.KnownLocations)
            {
                foreach (AbstractLocation location in pointsTo.Locations)
                {
                    if (location.IsNull || location.IsNoLocation)
                    {
                        continue;
                    }

                    LeakValue state = GetAbstractValue(location);
                    value = LeakValue.Merge(value, IsDataType(location.LocationType) ? state.With(origins: state.Origins.Add(location)) : state);
                }
            }

            return value;
        }

        private LeakValue Materialize(IOperation operation, LeakValue value)
        {
            Absorb(operation, value);
            return LeakValue.Merge(value, ValueOf(operation));
        }

        /// <summary>Joins <paramref name="value"/> into the state of every object <paramref name="operation"/> may point to.</summary>
        private void Absorb(IOperation operation, LeakValue value)
        {
            if (value.IsNone)
            {
                return;
            }

            PointsToAbstractValue pointsTo = GetPointsToAbstractValue(operation);
            if (pointsTo.Kind != PointsToAbstractValueKind.KnownLocations)
            {
                return;
            }

            foreach (AbstractLocation location in pointsTo.Locations)
            {
                if (!location.IsNull && !location.IsNoLocation)
                {
                    SetAbstractValue(location, LeakValue.Merge(GetAbstractValue(location), value));
                }
            }
        }

        private void MarkEvaluation(IOperation operation)
        {
            int depth = Depth;
            AbstractLocation? own = operation switch
            {
                ILocalReferenceOperation local => SymbolLocation(local.Local),
                IParameterReferenceOperation parameter => SymbolLocation(parameter.Parameter),
                _ => null,
            };
            if (own is not null && GetAbstractValue(own).EvaluationDepth > depth)
            {
                SetAbstractValue(own, GetAbstractValue(own).With(evaluationDepth: depth));
            }

            PointsToAbstractValue pointsTo = GetPointsToAbstractValue(operation);
            if (pointsTo.Kind != PointsToAbstractValueKind.KnownLocations)
            {
                return;
            }

            foreach (AbstractLocation location in pointsTo.Locations)
            {
                LeakValue state = GetAbstractValue(location);
                if (!location.IsNull && !location.IsNoLocation && state.EvaluationDepth > depth)
                {
                    SetAbstractValue(location, state.With(evaluationDepth: depth));
                }
            }
        }

        private void MarkIfNamedEvaluation(IOperation operation, string name)
        {
            if (IsDataType(operation.Type) && EvaluationNames.IsEvaluation(name))
            {
                MarkEvaluation(operation);
            }
        }

        /// <summary>Origins only flow from data (rows, views, collections), not from a context, catalog or model.</summary>
        private LeakValue DataOnly(IOperation operation, LeakValue value) =>
            IsData(operation) ? value : value.With(origins: ImmutableHashSet<AbstractLocation>.Empty);

        private bool IsData(IOperation operation) => IsDataType(operation.Type);

        private static bool IsDataType(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType == SpecialType.System_String || type.TypeKind is TypeKind.Delegate or TypeKind.Enum)
            {
                return false;
            }

            if (type.SpecialType != SpecialType.None && type.SpecialType != SpecialType.System_Object)
            {
                return type.SpecialType is SpecialType.System_Array or SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_IEnumerable
                    or SpecialType.System_Collections_Generic_IList_T or SpecialType.System_Collections_Generic_IReadOnlyList_T;
            }

            if (type is IArrayTypeSymbol)
            {
                return true;
            }

            if (NormGuard.FlowPrototype.Flow.Vocabulary.InNamespace(type, "Microsoft.ML"))
            {
                return type.Name == "IDataView" || type.AllInterfaces.Any(i => i.Name == "IDataView");
            }

            if (NormGuard.FlowPrototype.Flow.Vocabulary.InNamespace(type, "System") || Vocabulary.InNamespace(type, "NormGuard"))
            {
                return type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable) || type.Name is "IEnumerable" or "IAsyncEnumerable" or "ValueTuple" or "Tuple" or "Task" or "ValueTask";
            }

            return true; // a user's row type or data holder
        }

        private AbstractLocation SymbolLocation(ISymbol symbol) => AbstractLocation.CreateSymbolLocation(symbol, CallStack);
    }
}
