using System;
using Microsoft.CodeAnalysis;

namespace NormGuard.Generators.Analyzers.Leakage
{
    /// <summary>
    /// Where a method's data comes from, as its callers see it: one of its parameters, or a field or property of its
    /// own object (or a static one). Method summaries say what a method does to each slot.
    /// </summary>
    internal sealed class Slot : IEquatable<Slot>
    {
        private Slot(int ordinal, ISymbol? member, string name)
        {
            Ordinal = ordinal;
            Member = member;
            Name = name;
        }

        /// <summary>The parameter's position (an extension method's <c>this</c> is 0); −1 for a member.</summary>
        public int Ordinal { get; }

        /// <summary>The field or property, for a member slot.</summary>
        public ISymbol? Member { get; }

        public string Name { get; }

        public bool IsParameter => Member is null;

        public static Slot Parameter(IParameterSymbol parameter) => new Slot(parameter.Ordinal, null, parameter.Name);

        public static Slot Field(ISymbol member) => new Slot(-1, member.OriginalDefinition, member.Name);

        /// <summary>The slot a node of a method's lineage stands for: one of its own parameters, or a field or property
        /// of its type (or a base type); null for a local or anything else.</summary>
        public static Slot? Of(ISymbol? variable, IMethodSymbol method)
        {
            switch (variable)
            {
                case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, method.OriginalDefinition):
                    return Parameter(parameter);
                case IFieldSymbol { IsConst: false } field when InTypeOf(field, method):
                    return Field(field);
                case IPropertySymbol { IsIndexer: false } property when InTypeOf(property, method):
                    return Field(property);
                default:
                    return null;
            }
        }

        private static bool InTypeOf(ISymbol member, IMethodSymbol method)
        {
            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, member.ContainingType?.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        public bool Equals(Slot? other) =>
            other is not null && Ordinal == other.Ordinal && SymbolEqualityComparer.Default.Equals(Member, other.Member);

        public override bool Equals(object? obj) => Equals(obj as Slot);

        public override int GetHashCode() => Member is null ? Ordinal : SymbolEqualityComparer.Default.GetHashCode(Member);

        public override string ToString() => IsParameter ? "parameter '" + Name + "'" : "'" + Name + "'";
    }
}
