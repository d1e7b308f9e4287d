using System;

namespace NormGuard;

/// <summary>
/// Implemented by the generator on every feature record bound to a manifest, so that generic code
/// (<see cref="Normalizer"/>, pipelines, tests) can normalize any feature set.
/// </summary>
public interface INormalizable<TSelf>
    where TSelf : INormalizable<TSelf>
{
    /// <summary>Output floats per row, one-hot features expanded (the generated <c>Width</c> constant).</summary>
    static abstract int Width { get; }

    /// <summary>Name, version, hash, profile, output columns and the embedded canonical manifest.</summary>
    static abstract FeatureSetInfo FeatureSet { get; }

    /// <summary>Features in the manifest, one input each (the generated <c>InputCount</c> constant).</summary>
    static abstract int InputCount { get; }

    /// <summary>
    /// Writes each feature's input before normalization, in manifest order, as drift monitoring sees it: numbers as
    /// double, a one-hot feature's category index (−1 for a category not in the manifest), NaN when missing.
    /// Throws <see cref="ArgumentException"/> before writing when the destination is shorter than <see cref="InputCount"/>.
    /// </summary>
    void ReadInputs(Span<double> destination);

    /// <summary>Writes this row's <see cref="Width"/> features; throws <see cref="ArgumentException"/> before writing when the destination is too short.</summary>
    void Normalize(Span<float> destination);

    /// <summary>Row-major: row i occupies destination[i·Width .. (i+1)·Width).</summary>
    static abstract void NormalizeBatch(ReadOnlySpan<TSelf> rows, Span<float> destination);

    /// <summary>
    /// The inverse of <see cref="Normalize"/>. A one-hot feature gives the arg-max category: the first column (in
    /// manifest order) holding the largest value above 0, so ties go to the earlier category; when no column is above 0
    /// (an unknown category under <c>allZeros</c>, a missing value under <c>propagate</c>, NaN) the member is
    /// <c>null</c> if it is nullable or a reference type, otherwise <c>default</c>. Numeric features come back within
    /// the rounding of the float32 output (clip and zero-scale steps are not invertible).
    /// </summary>
    static abstract TSelf Denormalize(ReadOnlySpan<float> source);

    static abstract void DenormalizeBatch(ReadOnlySpan<float> source, Span<TSelf> rows);

    static abstract FeatureSetFitter<TSelf> CreateFitter();
}
