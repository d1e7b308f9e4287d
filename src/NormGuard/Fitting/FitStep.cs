using System;

namespace NormGuard.Fitting;

/// <summary>What a fitter must learn for one step of a feature, as the record's attributes declare it.</summary>
public enum FitStepKind
{
    ZScore,
    MinMax,
    MaxAbs,
    Robust,
    Log1p,
    Log,
    Clip,
    Passthrough,
}

/// <summary>A step to fit, with its fixed options (target range, quantile range, clip bounds).</summary>
public sealed record FitStep(FitStepKind Kind, double First = 0, double Second = 0, bool Clip = false)
{
    public static FitStep ZScore() => new(FitStepKind.ZScore);

    public static FitStep MinMax(double low, double high, bool clip) => new(FitStepKind.MinMax, low, high, clip);

    public static FitStep MaxAbs() => new(FitStepKind.MaxAbs);

    public static FitStep Robust(double lowerQuantile, double upperQuantile) => new(FitStepKind.Robust, lowerQuantile, upperQuantile);

    public static FitStep Log1p() => new(FitStepKind.Log1p);

    public static FitStep Log() => new(FitStepKind.Log);

    public static FitStep ClipTo(double min, double max) => new(FitStepKind.Clip, min, max);

    public static FitStep Passthrough() => new(FitStepKind.Passthrough);

    internal bool IsFitted => Kind is FitStepKind.ZScore or FitStepKind.MinMax or FitStepKind.MaxAbs or FitStepKind.Robust;

    /// <summary>Applies a pre-step as the serving code will: in float32 for a float32 pipeline.</summary>
    internal double Transform(double value, bool float32) => Kind switch
    {
        FitStepKind.Log1p => float32 ? Internal.NormMath.Log1p((float)value) : Internal.NormMath.Log1p(value),
        FitStepKind.Log => float32 ? Internal.NormMath.Log((float)value) : Math.Log(value),
        _ => value,
    };
}

/// <summary>How one-hot categories are identified in the record.</summary>
public enum CategoryKind
{
    /// <summary>Enum members, by their underlying value; the manifest lists member names.</summary>
    Enum,

    /// <summary>Integers; the manifest lists their decimal form.</summary>
    Integer,

    /// <summary>Strings, by ordinal value.</summary>
    String,

    /// <summary>Text whose type is not declared (a CSV cell): ordered as integers when every category is one, else as strings.</summary>
    Inferred,
}

/// <summary>The shape of one feature for a fitter, emitted by the generator from the record's attributes.</summary>
public sealed class FitterFeature
{
    private FitterFeature(string name, FitStep[] steps, CategoryKind? categories, UnknownCategory unknown, string[] enumNames, long[] enumValues, bool nullable)
    {
        Name = name;
        Steps = steps;
        Categories = categories;
        Unknown = unknown;
        EnumNames = enumNames;
        EnumValues = enumValues;
        Nullable = nullable;
    }

    public string Name { get; }

    public FitStep[] Steps { get; }

    /// <summary>Non-null for a one-hot feature.</summary>
    public CategoryKind? Categories { get; }

    public UnknownCategory Unknown { get; }

    public string[] EnumNames { get; }

    public long[] EnumValues { get; }

    /// <summary>
    /// The member is declared to hold missing values (<c>Nullable&lt;T&gt;</c>, or <c>string?</c> in a nullable-enabled
    /// context); its manifest policy becomes "propagate". Otherwise (a <c>double</c>, an enum, a <c>bool</c>, a <c>string</c>
    /// without "?" or in an oblivious context) it becomes "error": a missing value there — null, or NaN in a float or double —
    /// is a fault to report, not an input to pass on as NaN outputs.
    /// </summary>
    public bool Nullable { get; }

    /// <summary>The missing-value policy to write, when it is decided elsewhere (a template); else it follows <see cref="Nullable"/>.</summary>
    public MissingValuePolicy? Missing { get; private init; }

    public FitterFeature WithMissing(MissingValuePolicy missing) => new(Name, Steps, Categories, Unknown, EnumNames, EnumValues, Nullable) { Missing = missing };

    public static FitterFeature Numeric(string name, FitStep[] steps, bool nullable = false) =>
        new(name, steps, null, UnknownCategory.Error, Array.Empty<string>(), Array.Empty<long>(), nullable);

    public static FitterFeature OneHot(string name, CategoryKind kind, UnknownCategory unknown, bool nullable = false) =>
        new(name, Array.Empty<FitStep>(), kind, unknown, Array.Empty<string>(), Array.Empty<long>(), nullable);

    public static FitterFeature OneHotEnum(string name, string[] memberNames, long[] memberValues, UnknownCategory unknown, bool nullable = false) =>
        new(name, Array.Empty<FitStep>(), CategoryKind.Enum, unknown, memberNames, memberValues, nullable);
}
