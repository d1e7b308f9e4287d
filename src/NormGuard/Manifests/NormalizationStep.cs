using System.Collections.Generic;

namespace NormGuard;

/// <summary>One step of a feature's normalization, with the fitted parameters the training library reported.</summary>
public abstract record NormalizationStep
{
    private protected NormalizationStep()
    {
    }

    /// <summary>The manifest's <c>op</c> name.</summary>
    public abstract string Op { get; }
}

/// <summary>(x − mean) / std; <see cref="Std"/> is what the library reports (scikit-learn: <c>scale_</c>).</summary>
public sealed record ZScoreStep(double Mean, double Std) : NormalizationStep
{
    public override string Op => "zscore";
}

/// <summary>Maps the fitted data range [<see cref="Min"/>, <see cref="Max"/>] to [<see cref="Low"/>, <see cref="High"/>].</summary>
public sealed record MinMaxStep(double Min, double Max, double Low = 0, double High = 1, bool Clip = false) : NormalizationStep
{
    public override string Op => "minmax";
}

/// <summary>x / maxabs (scikit-learn: <c>scale_</c>, already 1 for an all-zero feature).</summary>
public sealed record MaxAbsStep(double MaxAbs) : NormalizationStep
{
    public override string Op => "maxabs";
}

/// <summary>(x − center) / scale, with scale the range between the <see cref="Lower"/> and <see cref="Upper"/> percentiles.</summary>
public sealed record RobustStep(double Center, double Scale, double Lower = 25, double Upper = 75) : NormalizationStep
{
    public override string Op => "robust";
}

/// <summary>ln(1 + x).</summary>
public sealed record Log1pStep : NormalizationStep
{
    public override string Op => "log1p";
}

/// <summary>ln(x).</summary>
public sealed record LogStep : NormalizationStep
{
    public override string Op => "log";
}

/// <summary>Bounds to [<see cref="Min"/>, <see cref="Max"/>].</summary>
public sealed record ClipStep(double Min, double Max) : NormalizationStep
{
    public override string Op => "clip";
}

/// <summary>One output per category, in this order.</summary>
public sealed record OneHotStep(IReadOnlyList<string> Categories, UnknownCategory Unknown = UnknownCategory.Error) : NormalizationStep
{
    public override string Op => "onehot";
}

/// <summary>The value as a float, unscaled.</summary>
public sealed record PassthroughStep : NormalizationStep
{
    public override string Op => "passthrough";
}
