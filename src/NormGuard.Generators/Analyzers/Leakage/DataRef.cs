using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// Data a fit or a split works on: a value in the code (<c>data</c>, <c>split.TestSet</c>), or a field the callee
    /// reads from the object it is called on (<c>prep.FitScaler()</c> fits on <c>prep._rows</c>), which has no
    /// expression of its own at the call.
    /// </summary>
    internal readonly struct DataRef
    {
        private DataRef(IOperation? value, IOperation? receiver, ISymbol? member, string display)
        {
            Value = value;
            Receiver = receiver;
            Member = member;
            Display = display;
        }

        /// <summary>The expression, when the data is one.</summary>
        public IOperation? Value { get; }

        /// <summary>For a field of another object: the object (null for a field of this one, or a static field).</summary>
        public IOperation? Receiver { get; }

        /// <summary>For a field: the field or property read.</summary>
        public ISymbol? Member { get; }

        public string Display { get; }

        public bool IsMember => Member is not null;

        public static DataRef Of(IOperation value) => new DataRef(value, null, null, Operations.Display(value));

        /// <summary>The member <paramref name="member"/> of <paramref name="receiver"/> (null or <c>this</c>: this object's own).</summary>
        public static DataRef OfMember(IOperation? receiver, ISymbol member)
        {
            IOperation? owner = receiver is null || receiver is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } ? null : receiver;
            string display = owner is null ? member.Name : Operations.Display(owner) + "." + member.Name;
            return new DataRef(null, owner, member.OriginalDefinition, display);
        }
    }
}
