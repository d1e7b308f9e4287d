using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>
    /// The locals of one executable body (a method, accessor, initializer or top-level program, lambdas and local
    /// functions included): where each is declared, read and written. Built in one pass, only for bodies where arithmetic
    /// on a feature member needs a local followed.
    /// </summary>
    internal sealed class BodyIndex
    {
        private static readonly IReadOnlyList<ILocalReferenceOperation> NoReads = new ILocalReferenceOperation[0];

        private readonly Dictionary<ILocalSymbol, IVariableDeclaratorOperation> _declarators = new Dictionary<ILocalSymbol, IVariableDeclaratorOperation>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ILocalSymbol, List<ILocalReferenceOperation>> _reads = new Dictionary<ILocalSymbol, List<ILocalReferenceOperation>>(SymbolEqualityComparer.Default);
        private readonly HashSet<ILocalSymbol> _reassigned = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);

        public BodyIndex(IOperation root)
        {
            foreach (IOperation operation in root.AllOperations())
            {
                OperationCount++;
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator:
                        _declarators[declarator.Symbol] = declarator;
                        break;
                    case ILocalReferenceOperation reference when IsWrite(reference):
                        _reassigned.Add(reference.Local);
                        break;
                    case ILocalReferenceOperation reference:
                        if (!_reads.TryGetValue(reference.Local, out List<ILocalReferenceOperation>? reads))
                        {
                            _reads[reference.Local] = reads = new List<ILocalReferenceOperation>();
                        }

                        reads.Add(reference);
                        break;
                }
            }
        }

        /// <summary>Operations visited to build the index.</summary>
        public int OperationCount { get; }

        /// <summary>The value a local is declared with, when nothing assigns it afterwards; else null.</summary>
        public IOperation? SingleValue(ILocalSymbol local) =>
            !_reassigned.Contains(local) && _declarators.TryGetValue(local, out IVariableDeclaratorOperation? declarator)
                ? declarator.Initializer?.Value ?? declarator.GetVariableInitializer()?.Value
                : null;

        /// <summary>Every read of the local (writes excluded).</summary>
        public IReadOnlyList<ILocalReferenceOperation> Reads(ILocalSymbol local) =>
            _reads.TryGetValue(local, out List<ILocalReferenceOperation>? reads) ? reads : NoReads;

        public bool IsReassigned(ILocalSymbol local) => _reassigned.Contains(local);

        /// <summary>The outermost operation above <paramref name="operation"/>: the body the index is built for.</summary>
        public static IOperation Root(IOperation operation)
        {
            while (operation.Parent is { } parent)
            {
                operation = parent;
            }

            return operation;
        }

        private static bool IsWrite(ILocalReferenceOperation reference)
        {
            if (reference.IsDeclaration)
            {
                return true;
            }

            IOperation? parent = reference.Parent;
            switch (parent)
            {
                case IAssignmentOperation assignment when assignment.Target == reference:
                case IIncrementOrDecrementOperation:
                case IAddressOfOperation:
                    return true;
                case IArgumentOperation argument:
                    return argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out;
            }

            // (a, b) = … : the local sits in the tuple on the left of a deconstruction.
            while (parent is ITupleOperation tuple)
            {
                if (tuple.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == tuple)
                {
                    return true;
                }

                parent = tuple.Parent;
            }

            return false;
        }
    }

    internal static class OperationWalk
    {
        /// <summary>The operation and all below it, iteratively (a deep expression must not exhaust the stack).</summary>
        public static IEnumerable<IOperation> AllOperations(this IOperation root)
        {
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                IOperation operation = pending.Pop();
                yield return operation;
                foreach (IOperation child in operation.ChildOperations.Reverse())
                {
                    pending.Push(child);
                }
            }
        }
    }
}
