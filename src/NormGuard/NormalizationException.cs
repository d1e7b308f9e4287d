using System;
using System.Globalization;

namespace NormGuard;

/// <summary>A value could not be normalized under the declared policy (a missing value — null, or NaN in a float or double member — with policy "error", an unknown category).</summary>
public sealed class NormalizationException : Exception
{
    public NormalizationException(string featureSet, string feature, string? value, string message)
        : this(featureSet, feature, value, message, rowIndex: null)
    {
    }

    public NormalizationException(string featureSet, string feature, string? value, string message, int? rowIndex)
        : base(message)
    {
        FeatureSet = featureSet;
        Feature = feature;
        Value = value;
        RowIndex = rowIndex;
    }

    public string FeatureSet { get; }

    public string Feature { get; }

    /// <summary>The offending input as text: "NaN" for a NaN counted as missing, null for a null.</summary>
    public string? Value { get; }

    /// <summary>
    /// The 0-based index in <c>rows</c> of the row that failed when a batch call (<c>NormalizeBatch</c>, or
    /// <see cref="Normalizer.NormalizeBatch{T}(ReadOnlySpan{T}, Span{float})"/>) threw; null for a single row
    /// (<c>Normalize</c>, <c>Denormalize</c>). An <see cref="int"/>, as the index of the <see cref="ReadOnlySpan{T}"/> of
    /// rows is: a batch cannot hold more rows.
    /// </summary>
    public int? RowIndex { get; internal set; }

    /// <summary>The message, preceded by the row when a batch call threw (<see cref="RowIndex"/>).</summary>
    public override string Message =>
        RowIndex is int row ? "Row " + row.ToString(CultureInfo.InvariantCulture) + " of the batch: " + base.Message : base.Message;
}
