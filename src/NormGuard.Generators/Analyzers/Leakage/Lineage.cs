using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>A variable (or a member of one) that holds data, in the "derived from" graph of one method.</summary>
    internal sealed class DataNode
    {
        public DataNode(string name, bool isCollection, string? evaluation, ISymbol? variable, IOperation? instance)
        {
            Name = name;
            IsCollection = isCollection;
            Evaluation = evaluation;
            Variable = variable;
            Instance = instance;
        }

        public string Name { get; }

        /// <summary>Holds rows (a view, list, array, span): only such nodes tie a fit to a split.</summary>
        public bool IsCollection { get; }

        /// <summary>Why this is evaluation data (NamedAsEvaluation), or null.</summary>
        public string? Evaluation { get; }

        /// <summary>The variable whose assignments the node derives from; null for a member or a split part.</summary>
        public ISymbol? Variable { get; }

        /// <summary>For a member (<c>ds.Rows</c>): the object it is read from, which it is part of.</summary>
        public IOperation? Instance { get; }

        /// <summary>For an evaluation part of a split (<c>split.TestSet</c>, <c>test</c>): that split, when it is known.</summary>
        public SplitCall? Split { get; set; }

        /// <summary>What the node derives from; computed on first use, so deep chains of variables need no deep recursion.</summary>
        public List<Edge>? Parents { get; set; }

        /// <summary>The node is, or is named as, training data: a split's training part, <c>trainRows</c>, <c>"data/train.csv"</c>.</summary>
        public bool Training { get; set; }
    }

    /// <summary>A "derived from" link; <see cref="Subset"/> when the child holds only some of the parent's rows.</summary>
    internal readonly struct Edge
    {
        public Edge(DataNode node, bool subset)
        {
            Node = node;
            Subset = subset;
        }

        public DataNode Node { get; }

        public bool Subset { get; }
    }

    /// <summary>The nodes an expression derives from, nearest first, each with whether the expression holds all of its rows.</summary>
    internal sealed class Reach
    {
        private readonly Dictionary<DataNode, bool> _whole = new Dictionary<DataNode, bool>();

        public List<DataNode> Order { get; } = new List<DataNode>();

        public bool Contains(DataNode node, out bool whole) => _whole.TryGetValue(node, out whole);

        /// <summary>Records a visit; true when it is new or newly reached through whole-row links only.</summary>
        public bool Visit(DataNode node, bool whole)
        {
            if (_whole.TryGetValue(node, out bool known))
            {
                if (known || !whole)
                {
                    return false;
                }

                _whole[node] = true;
                return true;
            }

            _whole.Add(node, whole);
            Order.Add(node);
            return true;
        }
    }

    /// <summary>
    /// The taint-style "derived from" relation of one method: a value derives from the variables it is computed from
    /// (the receiver and arguments of a call, the arguments of a constructor, the operand of a conversion, the collection
    /// of a foreach, the receiver of the call a lambda is passed to), and a variable from everything assigned to it
    /// anywhere in the method (flow-insensitive). ML.NET models, estimators and contexts carry no rows, so
    /// <c>model.Transform(test)</c> derives from <c>test</c> only. A split's results derive from nothing: they are new data.
    /// </summary>
    internal sealed class Lineage
    {
        private const int MaxDepth = 40;
        private const int MaxNodes = 2048;

        private static readonly HashSet<string> SubsetMethods = new HashSet<string>(StringComparer.Ordinal)
        {
            "Where", "Take", "Skip", "TakeLast", "SkipLast", "TakeWhile", "SkipWhile", "First", "FirstOrDefault", "Last",
            "LastOrDefault", "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault", "Except", "ExceptBy", "Intersect",
            "IntersectBy", "Slice", "GetRange", "Find", "FindAll", "FindLast", "MinBy", "MaxBy", "Min", "Max", "Sample",
            "FilterRowsByColumn", "FilterRowsByMissingValues", "FilterRowsByKeyColumnFraction", "TakeRows", "SkipRows",
        };

        private const string NamedAsEvaluation = "named as evaluation data";

        private readonly MethodFlow _flow;
        private readonly LeakageSymbols _symbols;
        private readonly Dictionary<object, DataNode> _nodes = new Dictionary<object, DataNode>(NodeKeyComparer.Instance);
        private readonly HashSet<ISymbol> _transparent = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        public Lineage(MethodFlow flow, LeakageSymbols symbols)
        {
            _flow = flow;
            _symbols = symbols;
        }

        /// <summary>
        /// What <paramref name="operation"/> derives from. Inside a local function, <paramref name="call"/> binds the
        /// function's parameters to that call's arguments only (otherwise a parameter derives from every call's).
        /// </summary>
        public Reach ReachOf(IOperation operation, IOperation? call = null)
        {
            Dictionary<ISymbol, IOperation>? bindings = null;
            if (call is IInvocationOperation invocation)
            {
                bindings = new Dictionary<ISymbol, IOperation>(SymbolEqualityComparer.Default);
                foreach (IArgumentOperation argument in invocation.Arguments)
                {
                    if (argument.Parameter is { } parameter)
                    {
                        bindings[parameter.OriginalDefinition] = argument.Value;
                    }
                }
            }

            var start = new List<Edge>();
            Origins(operation, subset: false, start, 0);
            return Walk(start, bindings);
        }

        private Reach Walk(List<Edge> start, Dictionary<ISymbol, IOperation>? bindings)
        {
            var reach = new Reach();
            var queue = new Queue<Edge>();
            foreach (Edge edge in start)
            {
                queue.Enqueue(edge);
            }

            while (queue.Count > 0 && reach.Order.Count < MaxNodes)
            {
                Edge edge = queue.Dequeue();
                bool whole = !edge.Subset;
                if (!reach.Visit(edge.Node, whole))
                {
                    continue;
                }

                List<Edge> parents;
                if (bindings is not null && edge.Node.Variable is { } variable && bindings.TryGetValue(variable, out IOperation? argument))
                {
                    parents = new List<Edge>();
                    Origins(argument, subset: false, parents, 0);
                }
                else
                {
                    parents = ParentsOf(edge.Node);
                }

                foreach (Edge parent in parents)
                {
                    queue.Enqueue(new Edge(parent.Node, subset: !whole || parent.Subset));
                }
            }

            return reach;
        }

        /// <summary>What <paramref name="data"/> derives from: as <see cref="ReachOf(IOperation, IOperation)"/> for a value; for a
        /// field read by a callee from the object it is called on, the node of that object's field.</summary>
        public Reach ReachOf(DataRef data, IOperation? call = null)
        {
            if (data.Value is { } value)
            {
                return ReachOf(value, call);
            }

            var start = new List<Edge>();
            ISymbol member = data.Member!;
            ITypeSymbol? type = member switch
            {
                IFieldSymbol field => field.Type,
                IPropertySymbol property => property.Type,
                _ => null,
            };
            Member(data.Receiver, member, type, data.Display, (data.Receiver ?? (object)member, member), subset: false, start, 0);
            return Walk(start, null);
        }

        /// <summary>The variable an operation reads, when it reads one whole (for messages and de-duplication).</summary>
        public static ISymbol? VariableOf(IOperation operation) => Operations.Target(Operations.Unwrap(operation));

        private List<Edge> ParentsOf(DataNode node)
        {
            if (node.Parents is { } known)
            {
                return known;
            }

            // Registered before it is filled: a cycle (rows = rows.Where(…)) finds the node and stops there.
            var parents = new List<Edge>();
            node.Parents = parents;
            if (node.Variable is { } variable)
            {
                foreach (Flow flow in _flow.FlowsInto(variable))
                {
                    Origins(flow.Value, flow.Subset, parents, 0);
                }
            }
            else if (node.Instance is { } instance)
            {
                Origins(instance, subset: true, parents, 0);
            }

            return parents;
        }

        private void Origins(IOperation? operation, bool subset, List<Edge> into, int depth)
        {
            if (operation is null || depth > MaxDepth)
            {
                return;
            }

            TypeRole role = _symbols.Role(operation.Type);
            if ((role & TypeRole.Opaque) != 0)
            {
                return;
            }

            // A number computed from rows (a count, a mean) is not the rows.
            subset |= (role & TypeRole.Scalar) != 0;
            depth++;
            switch (operation)
            {
                case IConversionOperation conversion:
                    Origins(conversion.Operand, subset, into, depth);
                    return;
                case IParenthesizedOperation parenthesized:
                    Origins(parenthesized.Operand, subset, into, depth);
                    return;
                case ILocalReferenceOperation local:
                    Variable(local.Local, local.Local.Type, subset, into, depth);
                    return;
                case IParameterReferenceOperation parameter:
                    Variable(parameter.Parameter.OriginalDefinition, parameter.Parameter.Type, subset, into, depth);
                    return;
                case IPropertyReferenceOperation { Arguments.Length: > 0 } indexer:
                    Origins(indexer.Instance, subset: true, into, depth);
                    return;
                case IFieldReferenceOperation or IPropertyReferenceOperation:
                    Member((IMemberReferenceOperation)operation, subset, into, depth);
                    return;
                case IArrayElementReferenceOperation element:
                    Origins(element.ArrayReference, subset: true, into, depth);
                    return;
                case IInvocationOperation invocation:
                    Invocation(invocation, subset, into, depth);
                    return;
                case ISimpleAssignmentOperation assignment:
                    Origins(assignment.Value, subset, into, depth);
                    return;
                case IAnonymousFunctionOperation:
                case IDelegateCreationOperation:
                case IMethodReferenceOperation:
                case ILiteralOperation:
                case IInstanceReferenceOperation:
                case IDeclarationExpressionOperation:
                case IConditionalAccessInstanceOperation:
                case IDefaultValueOperation:
                case ITypeOfOperation:
                case INameOfOperation:
                case ISizeOfOperation:
                    return;
                default:
                    foreach (IOperation child in operation.ChildOperations)
                    {
                        Origins(child, subset, into, depth);
                    }

                    return;
            }
        }

        private void Invocation(IInvocationOperation invocation, bool subset, List<Edge> into, int depth)
        {
            if (_flow.SplitOf(invocation) is not null)
            {
                return; // a split's parts are new data: split.TrainSet does not derive from what was split
            }

            IMethodSymbol method = invocation.TargetMethod;

            // LoadTestSet(), ReadHoldout(path): data returned by a method named as evaluation data (LoadTrainingSet(): training).
            // Not a tuple: HoldOutTail(rows) returning (Train, Holdout) names the split it makes, and its parts are judged
            // by their own names and places.
            if (!_symbols.IsScalar(invocation.Type)
                && invocation.Type is not { IsTupleType: true }
                && !LeakageSymbols.InNamespace(method, "System")
                && !LeakageSymbols.InNamespace(method, "Microsoft")
                && (EvaluationNames.IsEvaluation(method.Name) || EvaluationNames.IsTraining(method.Name)))
            {
                if (!_nodes.TryGetValue(invocation, out DataNode? returned))
                {
                    string name = method.Name + (invocation.Arguments.IsEmpty ? "()" : "(...)");
                    bool evaluation = EvaluationNames.IsEvaluation(method.Name);
                    returned = new DataNode(name, _symbols.IsCollection(invocation.Type), evaluation ? NamedAsEvaluation : null, variable: null, instance: null)
                    {
                        Parents = new List<Edge>(),
                        Training = !evaluation,
                    };
                    _nodes.Add(invocation, returned);
                }

                into.Add(new Edge(returned, subset));
            }

            subset |= SubsetMethods.Contains(method.Name)
                || (method.Name == "AsSpan" && invocation.Arguments.Length > (method.IsExtensionMethod ? 1 : 0) + (invocation.Instance is null && !method.IsExtensionMethod ? 1 : 0));

            // rows.Except(test): the rows of test are removed, not added.
            bool firstSourceOnly = method.Name is "Except" or "ExceptBy";
            if (invocation.Instance is { } instance)
            {
                Origins(instance, subset, into, depth);
            }

            bool first = true;
            bool loads = _symbols.IsCollection(invocation.Type);
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is { RefKind: RefKind.Out })
                {
                    continue;
                }

                // LoadFromTextFile("data/test.csv"), Read("train.parquet"): the path names the rows loaded from it.
                if (loads && argument.Value.ConstantValue is { HasValue: true, Value: string path })
                {
                    Named(path, "\"" + path + "\"", path, subset, into);
                }

                if (firstSourceOnly && (!first || invocation.Instance is not null))
                {
                    break;
                }

                first = false;
                Origins(argument.Value, subset, into, depth);
            }
        }

        private void Variable(ISymbol symbol, ITypeSymbol? type, bool subset, List<Edge> into, int depth)
        {
            TypeRole role = _symbols.Role(type);
            if ((role & TypeRole.Opaque) != 0)
            {
                return;
            }

            if ((role & TypeRole.Scalar) != 0)
            {
                // float size = r.Size: a number is no data of its own, but carries where it came from.
                if (_transparent.Add(symbol))
                {
                    foreach (Flow flow in _flow.FlowsInto(symbol))
                    {
                        Origins(flow.Value, subset: true, into, depth);
                    }

                    _transparent.Remove(symbol);
                }

                return;
            }

            into.Add(new Edge(NodeOf(symbol, role), subset));
        }

        /// <summary>
        /// A file path in the code names its data: <c>"data/test.csv"</c> holds evaluation rows, <c>"train.parquet"</c>
        /// training rows. Only path-like strings count (a directory separator or a data file extension), so a column name
        /// such as <c>"TestScore"</c> is no data.
        /// </summary>
        private void Named(string text, string display, object key, bool subset, List<Edge> into)
        {
            if (!PathLike(text))
            {
                return;
            }

            bool evaluation = EvaluationNames.IsEvaluation(text);
            bool training = !evaluation && EvaluationNames.IsTraining(text);
            if (!evaluation && !training)
            {
                return;
            }

            if (!_nodes.TryGetValue(key, out DataNode? node))
            {
                node = new DataNode(display, isCollection: false, evaluation ? "a file named as evaluation data" : null, variable: null, instance: null)
                {
                    Parents = new List<Edge>(),
                    Training = training,
                };
                _nodes.Add(key, node);
            }

            into.Add(new Edge(node, subset));
        }

        private static readonly string[] DataExtensions = { ".csv", ".tsv", ".txt", ".parquet", ".json", ".jsonl", ".zip", ".bin", ".idv", ".xlsx", ".arff", ".data" };

        private static bool PathLike(string text)
        {
            if (text.IndexOf('/') >= 0 || text.IndexOf('\\') >= 0)
            {
                return true;
            }

            foreach (string extension in DataExtensions)
            {
                if (text.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private DataNode NodeOf(ISymbol symbol, TypeRole role)
        {
            if (_nodes.TryGetValue(symbol, out DataNode? node))
            {
                return node;
            }

            SplitPart? part = _flow.PartOf(symbol);
            string? evaluation = part switch
            {
                null => EvaluationNames.IsEvaluation(symbol.Name) ? NamedAsEvaluation : _flow.ViewEvaluation(symbol),
                { IsHolder: true } => null,
                _ => SplitPart.IsEvaluationPart(part.Name, part.Index) ? PartOf(part.Name, part.Split) : null,
            };
            node = new DataNode(symbol.Name, (role & TypeRole.Collection) != 0, evaluation, part is null ? symbol : null, instance: null)
            {
                Split = part is { IsHolder: false } ? part.Split : null,
                Training = evaluation is null && (part is { IsHolder: false } || EvaluationNames.IsTraining(symbol.Name) || _flow.ViewTraining(symbol)),
            };
            _nodes.Add(symbol, node);
            return node;
        }

        private void Member(IMemberReferenceOperation member, bool subset, List<Edge> into, int depth) =>
            Member(member.Instance, member.Member.OriginalDefinition, member.Type, Operations.Display(member), member, subset, into, depth);

        /// <summary>
        /// The member <paramref name="symbol"/> read from <paramref name="instance"/> (null or <c>this</c>: a variable of
        /// the method's class). <paramref name="fallbackKey"/> keys the node when the instance is no variable.
        /// </summary>
        private void Member(IOperation? instance, ISymbol symbol, ITypeSymbol? type, string display, object fallbackKey, bool subset, List<Edge> into, int depth)
        {
            TypeRole role = _symbols.Role(type);
            if (instance is null || instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
            {
                Variable(symbol, type, subset, into, depth); // a field or property of this type: a variable of the method's class
                return;
            }

            if (instance is IInstanceReferenceOperation or IConditionalAccessInstanceOperation)
            {
                return; // new Row { A = … }: the implicit receiver of an initializer; rows?.X: the conditional access reads rows
            }

            if ((role & TypeRole.Opaque) != 0)
            {
                return;
            }

            ISymbol? instanceVariable = Operations.Target(Operations.Unwrap(instance));
            SplitPart? holder = _flow.PartOf(instanceVariable);
            bool splitResult = (holder is not null && holder.IsHolder)
                || _symbols.IsSplitHolder(instance.Type)
                || _flow.SplitOf(instance) is not null;
            if ((role & TypeRole.Scalar) != 0)
            {
                if (!splitResult)
                {
                    Origins(instance, subset: true, into, depth); // r.Size: a number, carrying where it came from
                }

                return;
            }

            // split.TrainSet, parts.Test, fold.TestSet: a part of a split, new data. ds.Rows, result.ScoredHoldOutSet:
            // a member of a data object, part of it. Either is one node per variable and member.
            object key = instanceVariable is null ? fallbackKey : new MemberKey(instanceVariable, symbol);
            if (!_nodes.TryGetValue(key, out DataNode? node))
            {
                bool collection = (role & TypeRole.Collection) != 0;
                if (splitResult)
                {
                    int index = TupleIndex(symbol) ?? RecordPosition(symbol) ?? (symbol.Name == "TestSet" ? 1 : symbol.Name == "TrainSet" ? 0 : -1);
                    SplitCall? split = holder?.Split ?? _flow.SplitOf(instance) ?? SplitBehind(instanceVariable);
                    string? evaluation = SplitPart.IsEvaluationPart(symbol.Name, index) ? PartOf(symbol.Name, split) : null;
                    node = new DataNode(display, collection, evaluation, variable: null, instance: null)
                    {
                        Parents = new List<Edge>(),
                        Split = split,
                        Training = evaluation is null,
                    };
                }
                else
                {
                    string? evaluation = EvaluationNames.IsEvaluation(symbol.Name) ? NamedAsEvaluation : null;
                    node = new DataNode(display, collection, evaluation, variable: null, instance) { Training = evaluation is null && EvaluationNames.IsTraining(symbol.Name) };
                }

                _nodes.Add(key, node);
            }

            into.Add(new Edge(node, subset));
        }

        private static string PartOf(string name, SplitCall? split)
        {
            bool validation = false;
            foreach (string word in EvaluationNames.Words(name))
            {
                validation |= word.StartsWith("val", StringComparison.Ordinal);
            }

            string part = validation ? "the validation part of " : "the test part of ";
            return split is null ? part + "a split" : part + split.Name + " (line " + split.Line + ")";
        }

        /// <summary><c>foreach (var fold in ml.Data.CrossValidationSplit(data))</c>: the split a fold variable comes from.</summary>
        private SplitCall? SplitBehind(ISymbol? variable)
        {
            if (variable is null)
            {
                return null;
            }

            foreach (Flow flow in _flow.FlowsInto(variable))
            {
                if (_flow.SplitOf(flow.Value) is { } split)
                {
                    return split;
                }

                if (_flow.PartOf(Operations.Target(Operations.Unwrap(flow.Value))) is { } part)
                {
                    return part.Split;
                }
            }

            return null;
        }

        /// <summary><c>record Parts(List&lt;Row&gt; Fit, List&lt;Row&gt; Tune, List&lt;Row&gt; Final)</c>: a property's place among the primary
        /// constructor's parameters, as a tuple element's.</summary>
        private static int? RecordPosition(ISymbol member)
        {
            if (member is not IPropertySymbol property || property.ContainingType is not { IsRecord: true } record)
            {
                return null;
            }

            foreach (IMethodSymbol constructor in record.InstanceConstructors)
            {
                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    if (parameter.Name == property.Name && SymbolEqualityComparer.Default.Equals(parameter.Type, property.Type) && constructor.Parameters.Length > 1)
                    {
                        return parameter.Ordinal;
                    }
                }
            }

            return null;
        }

        private static int? TupleIndex(ISymbol member)
        {
            if (member is IFieldSymbol field && field.ContainingType is { IsTupleType: true })
            {
                string name = field.CorrespondingTupleField?.Name ?? field.Name;
                if (name.StartsWith("Item", StringComparison.Ordinal) && int.TryParse(name.Substring(4), out int position))
                {
                    return position - 1;
                }
            }

            return null;
        }

        /// <summary>A member read through a variable: <c>ds.Rows</c> in <c>ds.Rows</c> and in <c>ds.Rows.Count</c> is one node.</summary>
        private sealed class MemberKey
        {
            public MemberKey(ISymbol instance, ISymbol member)
            {
                Instance = instance;
                Member = member;
            }

            public ISymbol Instance { get; }

            public ISymbol Member { get; }

            public override bool Equals(object? obj) =>
                obj is MemberKey other
                && SymbolEqualityComparer.Default.Equals(Instance, other.Instance)
                && SymbolEqualityComparer.Default.Equals(Member, other.Member);

            public override int GetHashCode() =>
                (SymbolEqualityComparer.Default.GetHashCode(Instance) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(Member);
        }

        private sealed class NodeKeyComparer : IEqualityComparer<object>
        {
            public static readonly NodeKeyComparer Instance = new NodeKeyComparer();

            public new bool Equals(object? x, object? y) =>
                x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

            public int GetHashCode(object obj) =>
                obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
        }
    }
}
