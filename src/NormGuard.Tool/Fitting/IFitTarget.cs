using NormGuard.Fitting;

namespace NormGuard.Tool.Fitting;

/// <summary>
/// What <see cref="FitJob"/> hands each training row to: a <see cref="ManifestFitter"/> for <c>fit</c>, or a
/// <see cref="PartialRecorder"/> for <c>fit --partial</c>, which keeps the partition's mergeable state instead.
/// </summary>
internal interface IFitTarget
{
    void Value(int feature, double value);

    void Category(int feature, string? text);

    void Category(int feature, long value);

    void Missing(int feature);

    /// <summary>A vector feature's vector (throws <see cref="System.ArgumentException"/> for a wrong length or a non-finite value).</summary>
    void Vector(int feature, System.ReadOnlySpan<float> vector);

    /// <summary>Ends a training row; <paramref name="position"/> is its place in the whole data set's row order. False when
    /// the position was given to an earlier row.</summary>
    bool EndRow(long position);
}

/// <summary>The single-machine fit: rows go straight into the fitter.</summary>
internal sealed class FitterTarget(ManifestFitter fitter) : IFitTarget
{
    public ManifestFitter Fitter => fitter;

    public void Value(int feature, double value) => fitter.Value(feature, value);

    public void Category(int feature, string? text) => fitter.Category(feature, text);

    public void Category(int feature, long value) => fitter.Category(feature, value);

    public void Missing(int feature) => fitter.Missing(feature);

    public void Vector(int feature, System.ReadOnlySpan<float> vector) => fitter.Vector(feature, vector);

    public bool EndRow(long position)
    {
        fitter.EndRow();
        return true;
    }
}
