using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>
    /// The constants applied, one after another, to a feature member's value: from <c>g.Depth</c> outwards through
    /// <c>(g.Depth - 61.743) / 1.428</c>, a clamp, locals the intermediate value is kept in, and a helper method that
    /// returns the arithmetic on its parameter (<c>Standardize(g.Depth, 61.743, 1.428)</c>). It ends at the first operation
    /// that is not a constant applied to the value so far (another variable, a comparison, a call that does not return it).
    /// </summary>
    internal sealed class ArithmeticChain
    {
        public ArithmeticChain(IOperation end, IReadOnlyList<ConstantSlot> slots, ArithmeticChain? prefix = null)
        {
            End = end;
            Slots = slots;
            Prefix = prefix;
        }

        /// <summary>For a chain that goes on through a local (<c>var h = (x − 12) / 88; … 0.6 * h</c>): the chain up to the
        /// local's initializer. When that part is already hand-written scaling it is reported there, where the scaling is.</summary>
        public ArithmeticChain? Prefix { get; }

        /// <summary>This chain and its prefixes, the shortest first.</summary>
        public IEnumerable<ArithmeticChain> ShortestFirst()
        {
            var list = new List<ArithmeticChain>();
            for (ArithmeticChain? chain = this; chain is not null; chain = chain.Prefix)
            {
                list.Insert(0, chain);
            }

            return list;
        }

        /// <summary>The outermost operation that applies a constant: where NG0012 is reported.</summary>
        public IOperation End { get; }

        public IReadOnlyList<ConstantSlot> Slots { get; }

        /// <summary>
        /// The chains that start at a reference to a feature member. More than one when the value is kept in a local that
        /// is read in several places; none when no constant is applied to it.
        /// </summary>
        public static List<ArithmeticChain> From(IOperation member, HandWrittenScan scan, CancellationToken cancellationToken) =>
            new ChainWalker(scan, cancellationToken).From(member);
    }
}
