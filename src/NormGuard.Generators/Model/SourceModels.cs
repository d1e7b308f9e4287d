using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NormGuard.Manifests;

namespace NormGuard.Generators.Model
{
    /// <summary>A source location as plain data, so that models stay equatable and hold no syntax tree.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location? location) =>
            location is null || location.SourceTree is null
                ? null
                : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

        public static LocationInfo InFile(string path, TextRange range) =>
            new LocationInfo(
                path,
                new TextSpan(range.Start, range.Length),
                new LinePositionSpan(new LinePosition(range.StartLine, range.StartColumn), new LinePosition(range.EndLine, range.EndColumn)));
    }

    /// <summary>A diagnostic to report, as plain data.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            new DiagnosticInfo(descriptor.Id, location, new EquatableArray<string>(arguments));
    }

    internal enum MemberKind
    {
        Float,
        Double,
        Integer,
        Decimal,
        Bool,
        Enum,
        String,
        Char,

        /// <summary>A fixed-length float vector: <c>float[]</c>, <c>ReadOnlyMemory&lt;float&gt;</c>, <c>Memory&lt;float&gt;</c> or an
        /// <c>[InlineArray(n)]</c> struct of float (<see cref="MemberSpec.Container"/> says which).</summary>
        Vector,
        Other,
    }

    /// <summary>How a vector member holds its floats.</summary>
    internal enum VectorContainer
    {
        None,
        Array,
        ReadOnlyMemory,
        Memory,
        InlineArray,
    }

    internal enum StepKind
    {
        ZScore,
        MinMax,
        MaxAbs,
        Robust,
        Log1p,
        Log,
        Clip,
        OneHot,
        Passthrough,

        /// <summary>[L2Normalize]: <see cref="StepSpec.First"/> is the epsilon (0: scikit-learn's rule).</summary>
        L2,

        /// <summary>[Center]: subtract the fitted mean vector.</summary>
        Center,

        /// <summary>[Pca]: <see cref="StepSpec.First"/> is the number of components, <see cref="StepSpec.Flag"/> whiten.</summary>
        Pca,

        /// <summary>[Truncate]: <see cref="StepSpec.First"/> is the dimension kept.</summary>
        Truncate,
    }

    /// <summary>An <c>[Embedding(space, dimension)]</c> attribute as plain data.</summary>
    internal sealed record EmbeddingSpec(string Space, int Dimension, LocationInfo? Location)
    {
        public string? Model { get; init; }

        public string? Revision { get; init; }
    }

    /// <summary>A normalization attribute on a member: <see cref="First"/>/<see cref="Second"/> hold its numbers
    /// (MinMax low/high, Robust quantiles, Clip bounds), <see cref="Flag"/> MinMax's Clip or OneHot's AllZeros.</summary>
    internal sealed record StepSpec(StepKind Kind, double First, double Second, bool Flag, LocationInfo? Location)
    {
        // The numbers compare by their bits, not with double.Equals: −0 and +0 are equal doubles but generate different
        // code (a MinMax target range from −0), and an equal model keeps the previous output in an IDE session.
        public bool Equals(StepSpec? other) =>
            other is not null
            && Kind == other.Kind
            && System.BitConverter.DoubleToInt64Bits(First) == System.BitConverter.DoubleToInt64Bits(other.First)
            && System.BitConverter.DoubleToInt64Bits(Second) == System.BitConverter.DoubleToInt64Bits(other.Second)
            && Flag == other.Flag
            && Equals(Location, other.Location);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = (int)Kind;
                hash = (hash * 397) ^ System.BitConverter.DoubleToInt64Bits(First).GetHashCode();
                hash = (hash * 397) ^ System.BitConverter.DoubleToInt64Bits(Second).GetHashCode();
                hash = (hash * 397) ^ Flag.GetHashCode();
                return (hash * 397) ^ (Location?.GetHashCode() ?? 0);
            }
        }
    }

    internal sealed record EnumMemberSpec(string Name, long Value);

    internal sealed record MemberSpec(string Name, string FeatureName, string TypeName, MemberKind Kind, LocationInfo? Location)
    {
        /// <summary>The C# keyword or global:: name of the underlying type (for Nullable&lt;T&gt;, of T).</summary>
        public string UnderlyingTypeName { get; init; } = string.Empty;

        /// <summary>The member can hold null at run time: <c>Nullable&lt;T&gt;</c>, or any string (annotations are not enforced).</summary>
        public bool IsNullable { get; init; }

        public bool IsValueNullable { get; init; }

        /// <summary>
        /// The declaration says missing values are expected: <c>Nullable&lt;T&gt;</c>, or <c>string?</c> in a nullable-enabled
        /// context. A non-nullable or nullable-oblivious <c>string</c> is not, so its fitted missing policy is "error".
        /// </summary>
        public bool IsDeclaredNullable { get; init; }

        public bool IsIgnored { get; init; }

        public bool IsCategorical { get; init; }

        public bool CanSet { get; init; }

        public bool IsRequired { get; init; }

        /// <summary>Index in the positional record's primary constructor, or -1.</summary>
        public int ConstructorIndex { get; init; } = -1;

        public EquatableArray<StepSpec> Steps { get; init; } = EquatableArray<StepSpec>.Empty;

        public EquatableArray<EnumMemberSpec> EnumMembers { get; init; } = EquatableArray<EnumMemberSpec>.Empty;

        /// <summary>The <c>[Embedding]</c> attribute, or null.</summary>
        public EmbeddingSpec? Embedding { get; init; }

        /// <summary>For a <see cref="MemberKind.Vector"/> member: how it holds its floats.</summary>
        public VectorContainer Container { get; init; }

        /// <summary>For an <c>[InlineArray(n)]</c> member: n; else 0.</summary>
        public int InlineLength { get; init; }

        /// <summary>A vector member declared as an embedding feature: the steps may be none (the vector is fed as it is).</summary>
        public bool IsVectorFeature => Kind == MemberKind.Vector && Embedding is not null;

        public bool IsFeature => !IsIgnored && (Steps.Count > 0 || Embedding is not null);
    }

    internal sealed record ContainingTypeSpec(string Keyword, string Name);

    internal sealed record TypeSpec(string? Namespace, string Name, string Keyword, bool IsValueType)
    {
        public EquatableArray<ContainingTypeSpec> ContainingTypes { get; init; } = EquatableArray<ContainingTypeSpec>.Empty;

        /// <summary>The type and every containing type are partial (else nothing can be generated: NG0015).</summary>
        public bool IsPartial { get; init; }

        public bool IsGeneric { get; init; }

        public bool IsReadOnly { get; init; }

        /// <summary>Number of primary constructor parameters of a positional record, or -1.</summary>
        public int PositionalParameterCount { get; init; } = -1;

        public string FullName => "global::" + (Namespace is null ? string.Empty : Namespace + ".") + ContainingPrefix + Name;

        private string ContainingPrefix
        {
            get
            {
                string prefix = string.Empty;
                foreach (ContainingTypeSpec containing in ContainingTypes)
                {
                    prefix += containing.Name + ".";
                }

                return prefix;
            }
        }
    }

    /// <summary>Everything the generator needs from a <c>[FeatureSet]</c> declaration.</summary>
    internal sealed record FeatureSetSpec(TypeSpec Type, string FeatureSetName, string ManifestFileName, LocationInfo? Location)
    {
        public int VersionPin { get; init; }

        /// <summary>The manifest profile name ("sklearn", …) the attribute pins, or null.</summary>
        public string? ProfilePin { get; init; }

        /// <summary>The model artifact (an AdditionalFile) the attribute says was trained with this feature set, or null.</summary>
        public string? ModelArtifact { get; init; }

        public EquatableArray<MemberSpec> Members { get; init; } = EquatableArray<MemberSpec>.Empty;

        /// <summary>A struct whose instance fields are exactly its feature members, all float, in declaration order.</summary>
        public bool HasFlatFloatLayout { get; init; }

        public EquatableArray<DiagnosticInfo> Diagnostics { get; init; } = EquatableArray<DiagnosticInfo>.Empty;
    }

    /// <summary>An AdditionalFile that looks like a manifest, already read.</summary>
    internal sealed record ManifestFile(string Path, ManifestReadResult Result)
    {
        /// <summary>The path with forward slashes, for matching <c>[FeatureSet(Manifest = "dir/file")]</c>.</summary>
        public string NormalizedPath { get; } = Path.Replace('\\', '/');
    }
}
