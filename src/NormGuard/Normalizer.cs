using System;

namespace NormGuard;

/// <summary>Generic entry points over any generated feature set.</summary>
public static class Normalizer
{
    public static int Width<T>()
        where T : INormalizable<T> => T.Width;

    public static FeatureSetInfo FeatureSet<T>()
        where T : INormalizable<T> => T.FeatureSet;

    public static void Normalize<T>(in T row, Span<float> destination)
        where T : INormalizable<T> => row.Normalize(destination);

    public static void NormalizeBatch<T>(ReadOnlySpan<T> rows, Span<float> destination)
        where T : INormalizable<T> => T.NormalizeBatch(rows, destination);

    /// <summary>Allocates the row-major output; use the span overload on hot paths.</summary>
    public static float[] NormalizeBatch<T>(ReadOnlySpan<T> rows)
        where T : INormalizable<T>
    {
        float[] destination = new float[checked(rows.Length * T.Width)];
        T.NormalizeBatch(rows, destination);
        return destination;
    }

    public static T Denormalize<T>(ReadOnlySpan<float> source)
        where T : INormalizable<T> => T.Denormalize(source);

    public static void DenormalizeBatch<T>(ReadOnlySpan<float> source, Span<T> rows)
        where T : INormalizable<T> => T.DenormalizeBatch(source, rows);
}
