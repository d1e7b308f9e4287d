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

    /// <summary>Vector: unit L2 normalization; <see cref="FitStep.First"/> is the epsilon (0: scikit-learn's rule).</summary>
    L2,

    /// <summary>Vector: subtract the fitted per-dimension mean.</summary>
    Center,

    /// <summary>Vector: a PCA projection to <see cref="FitStep.First"/> components, whitened when <see cref="FitStep.Clip"/>;
    /// not fitted by NormGuard (fit it in scikit-learn and import it).</summary>
    Pca,

    /// <summary>Vector: keep the first <see cref="FitStep.First"/> dimensions.</summary>
    Truncate,
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

    public static FitStep L2(double epsilon = 0) => new(FitStepKind.L2, epsilon);

    public static FitStep Center() => new(FitStepKind.Center);

    public static FitStep Pca(int components, bool whiten = false) => new(FitStepKind.Pca, components, 0, whiten);

    public static FitStep Truncate(int dimension) => new(FitStepKind.Truncate, dimension);

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

    /// <summary>A vector feature's embedding space name; null for a scalar feature.</summary>
    public string? Space { get; private init; }

    /// <summary>A vector feature's producing model.</summary>
    public string? Model { get; private init; }

    public string? Revision { get; private init; }

    /// <summary>A vector feature's input length (the model's dimension); 0 for a scalar feature.</summary>
    public int NativeDimension { get; private init; }

    /// <summary>A vector feature's length after its steps; 0 for a scalar feature.</summary>
    public int Dimension { get; private init; }

    /// <summary>The feature is a fixed-length float vector (an embedding) with a <see cref="Space"/>.</summary>
    public bool IsVector => Space is not null;

    /// <summary>The missing-value policy to write, when it is decided elsewhere (a template); else it follows <see cref="Nullable"/>.</summary>
    public MissingValuePolicy? Missing { get; private init; }

    public FitterFeature WithMissing(MissingValuePolicy missing) => new(Name, Steps, Categories, Unknown, EnumNames, EnumValues, Nullable)
    {
        Missing = missing,
        Space = Space,
        Model = Model,
        Revision = Revision,
        NativeDimension = NativeDimension,
        Dimension = Dimension,
    };

    /// <summary>
    /// A vector feature: <paramref name="nativeDimension"/> floats a row from the embedding model <paramref name="model"/>,
    /// in the space <paramref name="space"/>, with vector steps (<see cref="FitStep.L2"/>, <see cref="FitStep.Center"/>,
    /// <see cref="FitStep.ZScore"/>, <see cref="FitStep.Pca"/>, <see cref="FitStep.Truncate"/>). At most one step is
    /// fitted (center or zscore), and only truncation may come before it.
    /// </summary>
    /// <exception cref="ArgumentException">A step does not fit a vector, or a size does not fit the vector's length.</exception>
    public static FitterFeature Vector(string name, string space, string model, string? revision, int nativeDimension, FitStep[] steps, bool nullable = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrEmpty(space);
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(steps);
        int dimension = VectorSteps.DimensionAfter(name, nativeDimension, steps);
        return new FitterFeature(name, steps, null, UnknownCategory.Error, Array.Empty<string>(), Array.Empty<long>(), nullable)
        {
            Space = space,
            Model = model,
            Revision = revision,
            NativeDimension = nativeDimension,
            Dimension = dimension,
        };
    }

    public static FitterFeature Numeric(string name, FitStep[] steps, bool nullable = false) =>
        new(name, steps, null, UnknownCategory.Error, Array.Empty<string>(), Array.Empty<long>(), nullable);

    public static FitterFeature OneHot(string name, CategoryKind kind, UnknownCategory unknown, bool nullable = false) =>
        new(name, Array.Empty<FitStep>(), kind, unknown, Array.Empty<string>(), Array.Empty<long>(), nullable);

    public static FitterFeature OneHotEnum(string name, string[] memberNames, long[] memberValues, UnknownCategory unknown, bool nullable = false) =>
        new(name, Array.Empty<FitStep>(), CategoryKind.Enum, unknown, memberNames, memberValues, nullable);
}
