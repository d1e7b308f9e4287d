using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace NormGuard.Generators.Analyzers.Embeddings
{
    /// <summary>One <c>[assembly: EmbeddingSpaceBinding]</c>: where it is (assembly, feature set, feature) and the space's definition.</summary>
    internal sealed record EmbeddingSpaceBinding(string Assembly, bool IsThisCompilation, string FeatureSet, string Feature, EmbeddingSpaceDefinition Definition)
    {
        /// <summary>"Query.Service (this project; feature set 'queries', feature 'Vector')".</summary>
        public string Side =>
            Assembly + " (" + (IsThisCompilation ? "this project; " : string.Empty) + "feature set '" + FeatureSet + "', feature '" + Feature + "')";
    }

    /// <summary>What an <c>EmbeddingSpaceBinding</c> says the space is. Fields in the order NG0020 compares them.</summary>
    internal sealed record EmbeddingSpaceDefinition(string Space, string Model, string Revision, int NativeDimension, int Dimension, string Normalization, bool UnitLength, string Sha256)
    {
        /// <summary>The first field that differs, with its two values as the message shows them; null when the definitions are equal.</summary>
        public (string Field, string Mine, string Theirs)? FirstDifference(EmbeddingSpaceDefinition other)
        {
            if (!string.Equals(Model, other.Model, StringComparison.Ordinal))
            {
                return ("model", Quote(Model), Quote(other.Model));
            }

            if (!string.Equals(Revision, other.Revision, StringComparison.Ordinal))
            {
                return ("revision", Revision.Length == 0 ? "no revision" : Quote(Revision), other.Revision.Length == 0 ? "no revision" : Quote(other.Revision));
            }

            if (NativeDimension != other.NativeDimension)
            {
                return ("native dimension", Number(NativeDimension), Number(other.NativeDimension));
            }

            if (Dimension != other.Dimension)
            {
                return ("dimension", Number(Dimension), Number(other.Dimension));
            }

            if (!string.Equals(Normalization, other.Normalization, StringComparison.Ordinal))
            {
                return ("normalization", Quote(Normalization), Quote(other.Normalization));
            }

            if (UnitLength != other.UnitLength)
            {
                return ("unit length", UnitLength ? "true" : "false", other.UnitLength ? "true" : "false");
            }

            if (!string.Equals(Sha256, other.Sha256, StringComparison.Ordinal))
            {
                string mine = Sha256, theirs = other.Sha256;
                int digits = Math.Min(Math.Max(mine.Length, theirs.Length), Math.Max(12, CommonPrefix(mine, theirs) + 4));
                return ("sha256", Shorten(mine, digits), Shorten(theirs, digits));
            }

            return null;
        }

        private static string Quote(string text) => "'" + text + "'";

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Shorten(string hash, int digits) => hash.Length <= digits ? hash : hash.Substring(0, digits) + "…";

        private static int CommonPrefix(string a, string b)
        {
            int i = 0;
            while (i < a.Length && i < b.Length && a[i] == b[i])
            {
                i++;
            }

            return i;
        }
    }

    /// <summary>
    /// The <c>EmbeddingSpaceBinding</c>s of this compilation (the generator's output is part of it) and of every referenced
    /// assembly that references the NormGuard runtime, read as NG0003 reads <c>FeatureSetBinding</c>: by the attribute's
    /// name (a library built against another NormGuard version binds just the same), never by symbol identity.
    /// </summary>
    internal static class EmbeddingSpaceBindings
    {
        private const string BindingAttribute = "EmbeddingSpaceBindingAttribute";

        public static ImmutableArray<EmbeddingSpaceBinding> Read(Compilation compilation, CancellationToken cancellationToken)
        {
            var bindings = new List<EmbeddingSpaceBinding>();
            Collect(compilation.Assembly, true, bindings);
            string runtime = compilation.GetTypeByMetadataName("NormGuard." + BindingAttribute)?.ContainingAssembly.Identity.Name ?? "NormGuard";
            foreach (IAssemblySymbol assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (RuntimeReferences.IsCompiledAgainst(assembly, runtime))
                {
                    Collect(assembly, false, bindings);
                }
            }

            // This compilation first, then by assembly, feature set and feature: messages and their order are stable.
            return bindings
                .Distinct()
                .OrderBy(b => b.IsThisCompilation ? 0 : 1)
                .ThenBy(b => b.Assembly, StringComparer.Ordinal)
                .ThenBy(b => b.FeatureSet, StringComparer.Ordinal)
                .ThenBy(b => b.Feature, StringComparer.Ordinal)
                .ToImmutableArray();
        }


        private static void Collect(IAssemblySymbol assembly, bool isThisCompilation, List<EmbeddingSpaceBinding> bindings)
        {
            foreach (AttributeData attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass is not { Name: BindingAttribute, ContainingNamespace: { Name: "NormGuard", ContainingNamespace.IsGlobalNamespace: true } } ||
                    attribute.ConstructorArguments.Length != 10)
                {
                    continue;
                }

                ImmutableArray<TypedConstant> a = attribute.ConstructorArguments;
                if (a[0].Value is string space &&
                    a[1].Value is string featureSet &&
                    a[2].Value is string feature &&
                    a[3].Value is string model &&
                    a[5].Value is int nativeDimension &&
                    a[6].Value is int dimension &&
                    a[7].Value is string normalization &&
                    a[8].Value is bool unitLength &&
                    a[9].Value is string sha256)
                {
                    // The revision is "" when the manifest names none; a hand-written null means the same.
                    string revision = a[4].Value as string ?? string.Empty;
                    var definition = new EmbeddingSpaceDefinition(space, model, revision, nativeDimension, dimension, normalization, unitLength, sha256.ToLowerInvariant());
                    bindings.Add(new EmbeddingSpaceBinding(assembly.Identity.Name, isThisCompilation, featureSet, feature, definition));
                }
            }
        }
    }
}
