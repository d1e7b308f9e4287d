using NormGuard.Generators.Model;
using NormGuard.Manifests;

namespace NormGuard.Generators.Binding
{
    internal enum PlanKind
    {
        Numeric,
        OneHot,
        Passthrough,

        /// <summary>A vector (embedding) feature: <see cref="FeaturePlan.Vector"/> holds its program.</summary>
        Vector,
    }

    /// <summary>How one manifest feature is read from its member and written to the output.</summary>
    internal sealed record FeaturePlan(int MemberIndex, string FeatureName, int Offset, int Width, PlanKind Kind, Precision Precision)
    {
        public EquatableArray<ArithStep> Ops { get; init; } = EquatableArray<ArithStep>.Empty;

        public EquatableArray<string> Categories { get; init; } = EquatableArray<string>.Empty;

        public bool UnknownAllZeros { get; init; }

        public MissingKind Missing { get; init; }

        public double FillValue { get; init; }

        /// <summary>Where the feature's inputs start in <c>ReadInputs</c> (a vector feature has one per native dimension).</summary>
        public int InputOffset { get; init; }

        public VectorPlan? Vector { get; init; }

        public int InputWidth => Vector?.NativeDimension ?? 1;
    }

    /// <summary>A feature set bound to its manifest: everything the emitter writes, nothing it must look up.</summary>
    internal sealed record BoundFeatureSet(string FeatureSetName, int Version, string Sha256, string Profile, string DType, string CanonicalJson)
    {
        public EquatableArray<string> OutputColumns { get; init; } = EquatableArray<string>.Empty;

        public EquatableArray<FeaturePlan> Features { get; init; } = EquatableArray<FeaturePlan>.Empty;

        /// <summary>The batch can run as one float stream through a vector kernel.</summary>
        public bool Streamable { get; init; }

        public int Width => OutputColumns.Count;

        /// <summary>Inputs per row for <c>ReadInputs</c>: one per scalar feature, the native dimension per vector feature.</summary>
        public int InputCount { get; init; }
    }

    /// <summary>The output of the bind step: what to emit for one feature set, and what to report.</summary>
    internal sealed record GenerationModel(FeatureSetSpec Spec, string FitProfile, string FitDType)
    {
        public BoundFeatureSet? Bound { get; init; }

        public EquatableArray<DiagnosticInfo> Diagnostics { get; init; } = EquatableArray<DiagnosticInfo>.Empty;

        /// <summary>When <see cref="Bound"/> is null: the rules that stand in the way ("NG0001", …), for the members
        /// that are emitted with their signatures only and throw.</summary>
        public EquatableArray<string> UnboundBecause { get; init; } = EquatableArray<string>.Empty;
    }
}
