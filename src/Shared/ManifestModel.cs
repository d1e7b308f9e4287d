// Compiled into the generator and the runtime (see src/Shared/README.md).
#nullable enable
using System;

namespace NormGuard.Manifests
{
    internal enum ManifestOp
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

        // Vector ops: only on a feature with a "space" (docs/manifest-format.md, "Vector features").
        L2,
        Center,
        Pca,
        Truncate,
    }

    internal enum MissingKind
    {
        Error,
        Propagate,
        Fill,
    }

    internal enum UnknownKind
    {
        Error,
        AllZeros,
    }

    /// <summary>A span in the manifest text; lines and columns are zero-based, as Roslyn counts them.</summary>
    internal readonly record struct TextRange(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
    {
        public string Describe() => "line " + (StartLine + 1) + ", column " + (StartColumn + 1);
    }

    internal sealed record StepData(ManifestOp Op, TextRange Range)
    {
        public double Mean { get; init; }

        public double Std { get; init; }

        public double Min { get; init; }

        public double Max { get; init; }

        public double Low { get; init; }

        public double High { get; init; } = 1d;

        public bool Clip { get; init; }

        public double MaxAbs { get; init; }

        public double Center { get; init; }

        public double Scale { get; init; }

        public double Lower { get; init; } = 25d;

        public double Upper { get; init; } = 75d;

        public EquatableArray<string> Categories { get; init; } = EquatableArray<string>.Empty;

        public UnknownKind Unknown { get; init; }

        /// <summary>center and zscore on a vector feature: one mean per dimension (scalar zscore uses <see cref="Mean"/>);
        /// pca: the mean the projection subtracts.</summary>
        public EquatableArray<double> MeanVector { get; init; } = EquatableArray<double>.Empty;

        /// <summary>zscore on a vector feature: one std per dimension.</summary>
        public EquatableArray<double> StdVector { get; init; } = EquatableArray<double>.Empty;

        /// <summary>pca: one variance per component.</summary>
        public EquatableArray<double> ExplainedVariance { get; init; } = EquatableArray<double>.Empty;

        /// <summary>pca: <see cref="ComponentCount"/> rows of the input dimension, row-major, flattened.</summary>
        public EquatableArray<double> Components { get; init; } = EquatableArray<double>.Empty;

        /// <summary>pca: the number of components k (the dimension after the step); 0 in a template that leaves them out.</summary>
        public int ComponentCount { get; init; }

        public bool Whiten { get; init; }

        /// <summary>l2: 0 is scikit-learn's rule (a zero vector stays zero), above 0 PyTorch's x / max(‖x‖, ε).</summary>
        public double Epsilon { get; init; }

        /// <summary>truncate: the number of leading dimensions kept.</summary>
        public int Dimension { get; init; }
    }

    /// <summary>
    /// The <c>space</c> of a vector feature: the producing model and the dimensions before and after the steps, with the
    /// space's identity derived from the manifest (<see cref="EmbeddingSpaceIdentity"/>).
    /// </summary>
    internal sealed record SpaceData(string Name, string Model, string? Revision, int NativeDimension, int Dimension, TextRange Range)
    {
        /// <summary>SHA-256 (lower-case hex) of the canonical <c>{dtype, profile, space, steps}</c> (stats excluded).</summary>
        public string Sha256 { get; init; } = string.Empty;

        /// <summary>The steps as one line, such as <c>center, l2</c>; <c>none</c> without steps.</summary>
        public string Normalization { get; init; } = "none";

        /// <summary>The last step is <c>l2</c>: every output vector has norm 1 (or is the zero vector).</summary>
        public bool UnitLength { get; init; }

        public TextRange NameRange { get; init; }

        public TextRange ModelRange { get; init; }

        /// <summary>The <c>revision</c> value, or the space object when it has none.</summary>
        public TextRange RevisionRange { get; init; }

        public TextRange NativeDimensionRange { get; init; }

        public TextRange DimensionRange { get; init; }
    }

    internal sealed record StatsData
    {
        public long Count { get; init; }

        public long Missing { get; init; }

        public double? Min { get; init; }

        public double? Max { get; init; }

        public double? Mean { get; init; }

        public double? Std { get; init; }

        public EquatableArray<double> Quantiles { get; init; } = EquatableArray<double>.Empty;

        public EquatableArray<long> CategoryCounts { get; init; } = EquatableArray<long>.Empty;

        /// <summary>A vector feature: the distribution of the raw input's L2 norm (count, min, max, mean, std, quantiles).</summary>
        public StatsData? Norm { get; init; }

        /// <summary>A vector feature: the mean of the raw input, one value per native dimension.</summary>
        public EquatableArray<double> MeanVector { get; init; } = EquatableArray<double>.Empty;

        /// <summary>A vector feature: √tr(Σ²) of the raw input's population covariance Σ, or null (then so is <see cref="CovarianceSchatten4"/>).</summary>
        public double? CovarianceFrobenius { get; init; }

        /// <summary>A vector feature: (tr Σ⁴)^¼, never above <see cref="CovarianceFrobenius"/>, or null.</summary>
        public double? CovarianceSchatten4 { get; init; }
    }

    internal sealed record FeatureData(string Name, EquatableArray<StepData> Steps, TextRange Range)
    {
        public MissingKind Missing { get; init; }

        public double FillValue { get; init; }

        public StatsData? Stats { get; init; }

        /// <summary>
        /// <c>"mlnetColumn": "vector"</c>: the feature is a slot of an ML.NET vector column, whose transform writes an exact
        /// zero result as +0 (profile mlnet only; docs/manifest-format.md).
        /// </summary>
        public bool MLNetVectorColumn { get; init; }

        /// <summary>The embedding space of a vector feature; null for a scalar feature.</summary>
        public SpaceData? Space { get; init; }

        public bool IsVector => Space is not null;
    }

    internal sealed record FitData(string Split, TextRange SplitRange)
    {
        public long? Rows { get; init; }

        public string? Source { get; init; }

        public string? SourceSha256 { get; init; }

        public string? FittedAt { get; init; }

        public string? Tool { get; init; }
    }

    internal sealed record ManifestData(string FeatureSet, int Version, string Profile, string DType, EquatableArray<FeatureData> Features)
    {
        public FitData? Fit { get; init; }

        /// <summary>RFC 8785 form of the manifest without its <c>sha256</c> field: what the hash covers.</summary>
        public string CanonicalJson { get; init; } = string.Empty;

        public string Sha256 { get; init; } = string.Empty;

        public TextRange VersionRange { get; init; }

        public TextRange ProfileRange { get; init; }

        public TextRange FeatureSetRange { get; init; }

        /// <summary>The opening brace: where a problem of the whole document (NG0017) is reported.</summary>
        public TextRange DocumentRange { get; init; }

        public SealState Seal { get; init; }

        /// <summary>The <c>sha256</c> the file declares (null when it has none); <see cref="Sha256"/> is the computed one.</summary>
        public string? DeclaredSha256 { get; init; }

        public EquatableArray<EditData> Edits { get; init; } = EquatableArray<EditData>.Empty;
    }

    /// <summary>Whether the manifest's declared <c>sha256</c> vouches for its content.</summary>
    internal enum SealState
    {
        /// <summary>The declared hash matches the content.</summary>
        Sealed,

        /// <summary>No <c>sha256</c>: nothing tells an edit from a fit (NG0017).</summary>
        Unsealed,

        /// <summary>The declared hash does not match (NG0002, unless read for sealing).</summary>
        Stale,
    }

    /// <summary>One accepted hand edit (an entry of <c>edits</c>), written by <c>normguard seal</c>.</summary>
    internal sealed record EditData(string At)
    {
        public string? PreviousSha256 { get; init; }

        public string? Reason { get; init; }

        public string? Tool { get; init; }
    }

    internal sealed record ManifestError(string Message, TextRange Range);

    /// <summary>
    /// What one read of a manifest did, counted rather than timed: a count is the same on a busy machine as on an idle
    /// one, so a test can require it to grow no faster than the text (SPEC §9: manifests parse in linear time).
    /// </summary>
    /// <remarks>
    /// The parser's cursor only moves forward (but for one step back to read -Infinity), so what could make a read
    /// superlinear is work done away from the cursor, and each such place is counted:
    /// duplicate-key checks (a linear search over an object's names instead of the hash set is quadratic in its
    /// keys), number digits converted a second time, scans of the whole text for line starts (a table rebuilt per
    /// error or per located feature instead of once is quadratic) and the binary searches in that table, and every
    /// property that a field lookup or the unknown-field check may scan (a lookup per property of a large object,
    /// instead of a fixed number of lookups, is quadratic). Work that allocates as it repeats (strings concatenated in
    /// a loop, the text or a list copied per item, a second parse) shows in the bytes allocated, which the same tests
    /// count with <c>GC.GetAllocatedBytesForCurrentThread</c>. The canonical form for the hash sorts each object's
    /// properties with the framework's O(k log k) sort, not counted. What neither measure sees is a new loop that
    /// neither allocates nor passes through these counters; the benchmark ManifestParseBenchmarks times the same inputs.
    /// </remarks>
    internal readonly record struct ManifestReadWork(
        long TextLength,
        long CharactersRead,
        long Values,
        long KeyChecks,
        long NumberCharactersReread,
        long LineScanCharacters,
        long PositionLookups,
        long PropertiesVisited);

    internal sealed record ManifestReadResult(ManifestData? Manifest, EquatableArray<ManifestError> Errors)
    {
        public bool Succeeded => Manifest is not null && Errors.Count == 0;
    }
}
