using NormGuard.Manifests;

namespace NormGuard.Generators.Binding
{
    /// <summary>Which <c>NormGuard.Internal.VectorKernels</c> call a vector step becomes.</summary>
    internal enum VectorOpKind
    {
        /// <summary>scikit-learn's unit L2 normalization (a zero vector stays zero).</summary>
        L2,

        /// <summary>PyTorch's x / max(‖x‖, ε): <see cref="VectorOp.Epsilon"/>.</summary>
        L2Epsilon,

        /// <summary>normguard profile: x − offset in float32 (center, or a z-score whose scales are all 1).</summary>
        Subtract,

        /// <summary>normguard profile: (x − offset)·scale in float32 (z-score).</summary>
        SubtractMultiply,

        /// <summary>sklearn profile: (float)((double)x − mean) (center).</summary>
        SubtractSklearn,

        /// <summary>sklearn profile: t = (float)(x − mean); (float)(t / scale) (z-score).</summary>
        SubtractDivideSklearn,

        /// <summary>PCA projection onto <see cref="VectorOp.OutputLength"/> components, optionally whitened.</summary>
        Pca,

        /// <summary>Keeps the first <see cref="VectorOp.OutputLength"/> values.</summary>
        Truncate,
    }

    /// <summary>
    /// One step of a vector feature with its parameters already in the form the kernel takes: float32 offsets and scales
    /// derived per dimension by <c>ProfileArithmetic</c> (normguard), the float64 mean and scale (sklearn), float32 PCA mean,
    /// components and whiten divisors.
    /// </summary>
    internal sealed record VectorOp(VectorOpKind Kind, int InputLength, int OutputLength)
    {
        public float Epsilon { get; init; }

        /// <summary>Subtract/SubtractMultiply: the float32 offsets; Pca: the float32 mean.</summary>
        public EquatableArray<float> Offsets { get; init; } = EquatableArray<float>.Empty;

        /// <summary>SubtractMultiply: the float32 scales.</summary>
        public EquatableArray<float> Scales { get; init; } = EquatableArray<float>.Empty;

        /// <summary>SubtractSklearn/SubtractDivideSklearn: the float64 means.</summary>
        public EquatableArray<double> Means { get; init; } = EquatableArray<double>.Empty;

        /// <summary>SubtractDivideSklearn: the float64 divisors (scikit-learn's <c>scale_</c>).</summary>
        public EquatableArray<double> Divisors { get; init; } = EquatableArray<double>.Empty;

        /// <summary>Pca: k × d float32 components, row-major.</summary>
        public EquatableArray<float> Components { get; init; } = EquatableArray<float>.Empty;

        /// <summary>Pca with whitening: k float32 divisors, MathF.Sqrt((float)explained variance); else empty.</summary>
        public EquatableArray<float> WhitenDivisors { get; init; } = EquatableArray<float>.Empty;

        /// <summary>The op changes values element by element, same length in and out (in place allowed).</summary>
        public bool IsElementwise => Kind is not (VectorOpKind.Pca or VectorOpKind.Truncate);
    }

    /// <summary>A bound vector feature: its space, its program and how the member holds it.</summary>
    internal sealed record VectorPlan(string Space, string Model, string? Revision, int NativeDimension, int Dimension)
    {
        public string Normalization { get; init; } = "none";

        public bool UnitLength { get; init; }

        public string Sha256 { get; init; } = string.Empty;

        public EquatableArray<VectorOp> Ops { get; init; } = EquatableArray<VectorOp>.Empty;
    }
}
