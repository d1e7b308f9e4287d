using System;

namespace NormGuard;

/// <summary>Base of the attributes that describe a normalization step; steps apply in attribute order.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false)]
public abstract class NormalizationStepAttribute : Attribute
{
}

/// <summary>Standardizes: (x − mean) / std.</summary>
public sealed class ZScoreAttribute : NormalizationStepAttribute
{
}

/// <summary>Maps the fitted data range [min, max] to [<see cref="Low"/>, <see cref="High"/>].</summary>
public sealed class MinMaxAttribute : NormalizationStepAttribute
{
    public MinMaxAttribute(double low = 0, double high = 1)
    {
        Low = low;
        High = high;
    }

    public double Low { get; }

    public double High { get; }

    /// <summary>Bound the result to [Low, High] (values outside the training range).</summary>
    public bool Clip { get; set; }
}

/// <summary>Divides by the largest absolute value seen in training.</summary>
public sealed class MaxAbsAttribute : NormalizationStepAttribute
{
}

/// <summary>Centers on the median and divides by the inter-quantile range: (x − median) / (q_upper − q_lower).</summary>
public sealed class RobustAttribute : NormalizationStepAttribute
{
    public RobustAttribute(double lowerQuantile = 25, double upperQuantile = 75)
    {
        LowerQuantile = lowerQuantile;
        UpperQuantile = upperQuantile;
    }

    /// <summary>Lower percentile, 0–100.</summary>
    public double LowerQuantile { get; }

    /// <summary>Upper percentile, 0–100.</summary>
    public double UpperQuantile { get; }
}

/// <summary>ln(1 + x), a parameter-free pre-step.</summary>
public sealed class Log1pAttribute : NormalizationStepAttribute
{
}

/// <summary>ln(x), a parameter-free pre-step.</summary>
public sealed class LogAttribute : NormalizationStepAttribute
{
}

/// <summary>Bounds the value to [<see cref="Min"/>, <see cref="Max"/>] after the preceding steps.</summary>
public sealed class ClipAttribute : NormalizationStepAttribute
{
    public ClipAttribute(double min, double max)
    {
        Min = min;
        Max = max;
    }

    public double Min { get; }

    public double Max { get; }
}

/// <summary>One output per manifest category (enum member name, integer in decimal, or string), in manifest order.</summary>
public sealed class OneHotAttribute : NormalizationStepAttribute
{
    /// <summary>What a category the manifest does not list does: throw, or leave every output 0.</summary>
    public UnknownCategory Unknown { get; set; }
}

/// <summary>What one-hot encoding does with a category it was not fitted on.</summary>
public enum UnknownCategory
{
    /// <summary>Throw a <see cref="NormalizationException"/> naming the feature and the value.</summary>
    Error,

    /// <summary>Write 0 to every output of the feature (scikit-learn's <c>handle_unknown="ignore"</c>).</summary>
    AllZeros,
}

/// <summary>The value as a float, unscaled (bool → 0 / 1).</summary>
public sealed class PassthroughAttribute : NormalizationStepAttribute
{
}
