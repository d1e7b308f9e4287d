using System;

namespace NormGuard;

/// <summary>A value could not be normalized under the declared policy (a missing value — null, or NaN in a float or double member — with policy "error", an unknown category).</summary>
public sealed class NormalizationException : Exception
{
    public NormalizationException(string featureSet, string feature, string? value, string message)
        : base(message)
    {
        FeatureSet = featureSet;
        Feature = feature;
        Value = value;
    }

    public string FeatureSet { get; }

    public string Feature { get; }

    /// <summary>The offending input as text: "NaN" for a NaN counted as missing, null for a null.</summary>
    public string? Value { get; }
}
