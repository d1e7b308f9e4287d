using System;
using System.Globalization;

namespace NormGuard.Tool.Data;

/// <summary>
/// What a vector cell must be before a command uses it: the space's native dimension, every element finite. The words
/// are the fitter's (<c>normguard fit</c> reports the same cell the same way), after the cell's place: rows are counted
/// from 1 (the first data row is row 1), elements from 0 (element 0 is the vector's first value, as numpy indexes it).
/// </summary>
internal static class VectorRule
{
    public static void Check(ReadOnlySpan<float> vector, string where, string feature, string space, int nativeDimension)
    {
        if (vector.Length != nativeDimension)
        {
            throw new CliException(Text($"{where}: Feature '{feature}' (space '{space}'): expected {nativeDimension} values, found {vector.Length}."));
        }

        for (int i = 0; i < vector.Length; i++)
        {
            // A NaN inside a present vector is a broken producer, not a missing vector (a null list is that): counting it
            // as missing would hide the fault in the missing rate.
            if (!float.IsFinite(vector[i]))
            {
                throw new CliException(Text($"{where}: Feature '{feature}' (space '{space}'): element {i} is {vector[i]}; an embedding's values must be finite."));
            }
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
