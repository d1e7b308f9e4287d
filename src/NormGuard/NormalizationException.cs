using System;

namespace NormGuard;

/// <summary>A value could not be normalized under the declared policy (a missing value with policy "error", an unknown category).</summary>
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

    /// <summary>The offending input as text, or null for a missing value.</summary>
    public string? Value { get; }
}
