using System;
using System.Collections.Generic;
using System.Linq;

namespace NormGuard;

/// <summary>
/// Unit L2 normalization of a vector (manifest op <c>l2</c>). <see cref="Epsilon"/> 0 is scikit-learn's
/// <c>normalize(norm="l2")</c>: x / ‖x‖, and an all-zero vector stays zero; above 0 it is PyTorch's <c>F.normalize</c>:
/// x / max(‖x‖, ε).
/// </summary>
public sealed record L2NormalizeStep(double Epsilon = 0) : NormalizationStep
{
    public override string Op => "l2";
}

/// <summary>x − mean, per dimension of a vector (manifest op <c>center</c>).</summary>
public sealed record CenterStep(IReadOnlyList<double> Mean) : NormalizationStep
{
    public override string Op => "center";

    public bool Equals(CenterStep? other) => other is not null && VectorStepEquality.Same(Mean, other.Mean);

    public override int GetHashCode() => VectorStepEquality.Hash(Mean);
}

/// <summary>(x − mean) / std per dimension of a vector (manifest op <c>zscore</c> on a vector feature); <see cref="Std"/> as
/// the library reports it (scikit-learn: <c>scale_</c>).</summary>
public sealed record VectorZScoreStep(IReadOnlyList<double> Mean, IReadOnlyList<double> Std) : NormalizationStep
{
    public override string Op => "zscore";

    public bool Equals(VectorZScoreStep? other) => other is not null && VectorStepEquality.Same(Mean, other.Mean) && VectorStepEquality.Same(Std, other.Std);

    public override int GetHashCode() => HashCode.Combine(VectorStepEquality.Hash(Mean), VectorStepEquality.Hash(Std));
}

/// <summary>
/// A fitted scikit-learn <c>PCA</c> (manifest op <c>pca</c>): (x − mean) · componentsᵀ, divided by √explained variance when
/// <see cref="Whiten"/>. <see cref="Components"/> has one row per output dimension, each as long as the input.
/// </summary>
public sealed record PcaStep(IReadOnlyList<double> Mean, IReadOnlyList<IReadOnlyList<double>> Components, IReadOnlyList<double> ExplainedVariance, bool Whiten = false) : NormalizationStep
{
    public override string Op => "pca";

    /// <summary>The output dimension k.</summary>
    public int ComponentCount => Components.Count;

    public bool Equals(PcaStep? other) =>
        other is not null && Whiten == other.Whiten && VectorStepEquality.Same(Mean, other.Mean) && VectorStepEquality.Same(ExplainedVariance, other.ExplainedVariance)
        && Components.Count == other.Components.Count && Components.Zip(other.Components, VectorStepEquality.Same).All(same => same);

    public override int GetHashCode() => HashCode.Combine(VectorStepEquality.Hash(Mean), Components.Count, Whiten);
}

/// <summary>Keeps the first <see cref="Dimension"/> values of a vector (manifest op <c>truncate</c>; Matryoshka embeddings
/// served at a smaller size, usually followed by <see cref="L2NormalizeStep"/>).</summary>
public sealed record TruncateStep(int Dimension) : NormalizationStep
{
    public override string Op => "truncate";
}

// Parameters compare by their bits, as the manifest's hash does: -0 and 0 are different parameters.
internal static class VectorStepEquality
{
    public static bool Same(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static int Hash(IReadOnlyList<double> values) => HashCode.Combine(values.Count, values.Count > 0 ? values[0] : 0d);
}
