using NormGuard;

namespace NormGuard.Tests;

public enum Level
{
    Low,
    High,
    Extreme,
}

/// <summary>Nullable members under every missing-value policy (Manifests/policies.normguard.json).</summary>
[FeatureSet("policies", Version = 2)]
public sealed partial class PolicyRow
{
    [ZScore] public float? Propagated { get; set; }
    [MinMax] public double? Filled { get; set; }
    [MaxAbs] public int? Required { get; set; }
    [OneHot] public Level? Level { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public string? Tag { get; set; }
    [Passthrough] public bool Active { get; set; }
}

/// <summary>Five float32 fields in manifest order: NormalizeBatch runs the stream kernel (Manifests/sensor.normguard.json).</summary>
[FeatureSet("sensor", Version = 12)]
public partial struct Sensor
{
    [ZScore] public float Temperature;
    [MinMax(-1, 1, Clip = true)] public float Pressure;
    [MaxAbs] public float Vibration;
    [Robust, Clip(-5, 5)] public float Current;
    [Passthrough] public float Load;
}

/// <summary>Spark ML's scaler models (Manifests/spark_probe.normguard.json): float64 arithmetic, zero std gives 0.</summary>
[FeatureSet("spark_probe", Version = 1, Profile = NormalizationProfile.Spark)]
public partial record struct SparkRow
{
    [ZScore] public double Z { get; init; }
    [ZScore] public double ZFlat { get; init; }
    [MinMax(-1, 3)] public double M { get; init; }
    [MinMax] public double MFlat { get; init; }
    [MaxAbs] public double A { get; init; }
    [Robust] public double R { get; init; }
}

/// <summary>All float32, scikit-learn float32 pipeline: the float64 stream kernel with a rounding after each step.</summary>
[FeatureSet("stream_sklearn_float32", Version = 1)]
public partial struct StreamSklearnF32
{
    [ZScore] public float A;
    [ZScore] public float B;
    [Robust] public float C;
    [MaxAbs] public float D;
    [ZScore] public float E;
    [MinMax(-1, 1, Clip = true)] public float F;
    [ZScore] public float G;
}

/// <summary>All float32 members, scikit-learn float64 pipeline: the float64 stream kernel, one rounding at the end.</summary>
[FeatureSet("stream_sklearn_float64", Version = 1)]
public partial struct StreamSklearnF64
{
    [ZScore] public float A;
    [ZScore] public float B;
    [Robust] public float C;
    [MaxAbs] public float D;
    [ZScore] public float E;
    [MinMax(-1, 1, Clip = true)] public float F;
    [ZScore] public float G;
}

/// <summary>Every choice the per-row code makes without a branch (Manifests/choices.normguard.json).</summary>
[FeatureSet("choices", Version = 1)]
public partial record struct ChoiceRow
{
    [OneHot] public Level? Level { get; init; }
    [OneHot] public int? Floor { get; init; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public Level? Shade { get; init; }
    [Passthrough] public bool? Flag { get; init; }
    [Passthrough] public bool Active { get; init; }
}

/// <summary>
/// The Diamonds sample's record, bound to the sample's own manifest (samples/Diamonds/diamonds.normguard.json, fitted
/// by scikit-learn on the training split, with its training baseline): the real data for drift calibration.
/// </summary>
[FeatureSet("diamonds", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial record struct DiamondRow
{
    [FeatureName("carat"), Log1p, ZScore] public double Carat { get; init; }
    [FeatureName("cut"), OneHot] public string Cut { get; init; }
    [FeatureName("color"), OneHot] public string Color { get; init; }
    [FeatureName("clarity"), OneHot] public string Clarity { get; init; }
    [FeatureName("depth"), ZScore] public double Depth { get; init; }
    [FeatureName("table"), ZScore] public double Table { get; init; }
    [FeatureName("x"), Robust] public double X { get; init; }
    [FeatureName("y"), Robust] public double Y { get; init; }
    [FeatureName("z"), Robust] public double Z { get; init; }
}

/// <summary>
/// Twelve float32 features under the default missing policy ("error" on every lane), as bench_default: the stream
/// kernel's all-lanes check with a period of 48 (three vectors). Manifests/stream_error12.normguard.json.
/// </summary>
[FeatureSet("stream_error12", Version = 1)]
public partial struct StreamError12
{
    [ZScore] public float F0;
    [MinMax] public float F1;
    [MaxAbs] public float F2;
    [ZScore] public float F3;
    [MinMax] public float F4;
    [MaxAbs] public float F5;
    [ZScore] public float F6;
    [MinMax] public float F7;
    [MaxAbs] public float F8;
    [ZScore] public float F9;
    [MinMax] public float F10;
    [MaxAbs] public float F11;
}

/// <summary>Eight float32 features, every lane "error": a period of 16, one vector. Manifests/stream_error8.normguard.json.</summary>
[FeatureSet("stream_error8", Version = 1)]
public partial struct StreamError8
{
    [ZScore] public float F0;
    [MinMax] public float F1;
    [MaxAbs] public float F2;
    [ZScore] public float F3;
    [MinMax] public float F4;
    [MaxAbs] public float F5;
    [ZScore] public float F6;
    [MinMax] public float F7;
}
