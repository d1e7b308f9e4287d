using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// A split written as a loop: <c>foreach (var r in rows)</c> that adds each row to one of two collections,
    /// <c>(cond ? test : train).Add(r)</c> or <c>if (cond) test.Add(r); else train.Add(r);</c>. Both parts hold rows of the
    /// loop's collection, each of them only some: a split of that collection, at the loop. One <c>if</c> without an
    /// <c>else</c> is a filter.
    /// </summary>
    internal static class LoopSplits
    {
        /// <summary>The split the loop makes, with the two collections it fills (true side first); null when it makes none.</summary>
        public static (SplitCall Split, ISymbol WhenTrue, ISymbol WhenFalse)? Find(IForEachLoopOperation loop, LeakageSymbols symbols)
        {
            if (loop.Locals.IsEmpty || !symbols.IsCollection(Operations.Unwrap(loop.Collection).Type))
            {
                return null;
            }

            ILocalSymbol row = loop.Locals[0];
            foreach (IOperation operation in loop.Body.DescendantsAndSelf())
            {
                (ISymbol? whenTrue, ISymbol? whenFalse) = operation switch
                {
                    IInvocationOperation { TargetMethod.Name: "Add", Instance: { } instance } add when Adds(add, row)
                        && Operations.Unwrap(instance) is IConditionalOperation { WhenFalse: { } otherwise } conditional
                        => (Collection(conditional.WhenTrue, symbols), Collection(otherwise, symbols)),
                    IConditionalOperation { WhenFalse: { } otherwise } branch when branch.Type is null
                        => (AddedTo(branch.WhenTrue, row, symbols), AddedTo(otherwise, row, symbols)),
                    _ => (null, null),
                };
                if (whenTrue is not null && whenFalse is not null && !SymbolEqualityComparer.Default.Equals(whenTrue, whenFalse))
                {
                    var split = new SplitCall(loop, ImmutableArray.Create(DataRef.Of(loop.Collection)), crossValidates: false, estimator: null, name: "a loop");
                    return (split, whenTrue, whenFalse);
                }
            }

            return null;
        }

        private static bool Adds(IInvocationOperation add, ILocalSymbol row) =>
            add.Arguments.Length == 1 && Operations.Unwrap(add.Arguments[0].Value) is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, row);

        private static ISymbol? Collection(IOperation operation, LeakageSymbols symbols)
        {
            IOperation unwrapped = Operations.Unwrap(operation);
            return symbols.IsCollection(unwrapped.Type) ? Operations.Target(unwrapped) : null;
        }

        /// <summary>The collection a branch adds the row to, when that is all it does with it.</summary>
        private static ISymbol? AddedTo(IOperation branch, ILocalSymbol row, LeakageSymbols symbols)
        {
            ISymbol? target = null;
            foreach (IOperation operation in branch.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "Add", Instance: { } instance } add && Adds(add, row))
                {
                    if (target is not null || Collection(instance, symbols) is not { } collection)
                    {
                        return null;
                    }

                    target = collection;
                }
            }

            return target;
        }
    }
}
