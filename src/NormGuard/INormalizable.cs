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

    /// <summary>
    /// Writes this row's <see cref="Width"/> features; throws <see cref="ArgumentException"/> before writing when the destination is too short.
    /// A <see cref="NormalizationException"/> (a missing value under "error", an unknown category under "error") is also thrown before
    /// anything is written. Missing means null, or NaN in a float or double member (nullable or not): under "error" NaN throws
    /// (<see cref="NormalizationException.Value"/> "NaN"), under "propagate" it writes NaN, a fill replaces it. Infinities are values.
    /// </summary>
    void Normalize(Span<float> destination);

    /// <summary>
    /// Row-major: row i occupies destination[i·Width .. (i+1)·Width); floats beyond rows.Length·Width are left alone, whatever
    /// happens. When row i is refused (a missing value or an unknown category under "error"), a <see cref="NormalizationException"/>
    /// is thrown whose <see cref="NormalizationException.RowIndex"/> is i and whose message names the row: rows before i are
    /// written exactly as <see cref="Normalize"/> writes them, and destination[i·Width .. rows.Length·Width) is unspecified
    /// (the vector kernels check after the store, a block of rows at a time, so rows from i on may be written or not).
    /// Several refused rows: the first one is reported.
    /// </summary>
    static abstract void NormalizeBatch(ReadOnlySpan<TSelf> rows, Span<float> destination);

    /// <summary>
    /// The inverse of <see cref="Normalize"/>. A one-hot feature gives the arg-max category: the first column (in
    /// manifest order) holding the largest score, negative scores included and NaN scores skipped, so ties go to the
    /// earlier category. NaN, or one-hot outputs that are all zeros or all NaN (what Normalize writes for no category:
    /// an unknown category under <c>allZeros</c>, a missing value under <c>propagate</c>), become <c>null</c> in a
    /// nullable (or string) member and throw <see cref="NormalizationException"/> for an int, long, bool, decimal or
    /// enum member, which has no value for them; ±∞ saturate an integer member. Numeric features come back within the
    /// rounding of the float32 output (clip and zero-scale steps are not invertible).
    /// </summary>
    static abstract TSelf Denormalize(ReadOnlySpan<float> source);

    static abstract void DenormalizeBatch(ReadOnlySpan<float> source, Span<TSelf> rows);

    static abstract FeatureSetFitter<TSelf> CreateFitter();
}
