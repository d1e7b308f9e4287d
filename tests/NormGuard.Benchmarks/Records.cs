using NormGuard;

namespace NormGuard.Benchmarks;

/// <summary>12 float32 features, default profile: the flat-stream kernel in float32.</summary>
[FeatureSet("bench_default", Version = 1)]
public partial struct DefaultRow
{
    [ZScore] public float F0;
    [ZScore] public float F1;
    [ZScore] public float F2;
    [ZScore] public float F3;
    [ZScore] public float F4;
    [ZScore] public float F5;
    [MinMax] public float F6;
    [MinMax] public float F7;
    [MinMax] public float F8;
    [MaxAbs] public float F9;
    [MaxAbs] public float F10;
    [MaxAbs] public float F11;
}

/// <summary>The same 12 floats under scikit-learn's float32 pipeline arithmetic (a division per value, rounded per op).</summary>
[FeatureSet("bench_sklearn_f32", Version = 1)]
public partial struct SklearnF32Row
{
    [ZScore] public float F0;
    [ZScore] public float F1;
    [ZScore] public float F2;
    [ZScore] public float F3;
    [ZScore] public float F4;
    [ZScore] public float F5;
    [Robust] public float F6;
    [Robust] public float F7;
    [Robust] public float F8;
    [MaxAbs] public float F9;
    [MaxAbs] public float F10;
    [MaxAbs] public float F11;
}

/// <summary>The same under scikit-learn's float64 pipeline (float64 division, one rounding to float32).</summary>
[FeatureSet("bench_sklearn_f64", Version = 1)]
public partial struct SklearnF64Row
{
    [ZScore] public float F0;
    [ZScore] public float F1;
    [ZScore] public float F2;
    [ZScore] public float F3;
    [ZScore] public float F4;
    [ZScore] public float F5;
    [Robust] public float F6;
    [Robust] public float F7;
    [Robust] public float F8;
    [MaxAbs] public float F9;
    [MaxAbs] public float F10;
    [MaxAbs] public float F11;
}

public enum VehicleKind
{
    Car,
    Truck,
    Bus,
    Bike,
}

/// <summary>A mixed record: float, double, int, an enum one-hot, a nullable with a fill value, a bool.</summary>
[FeatureSet("bench_mixed", Version = 1)]
public partial record struct MixedRow
{
    [ZScore] public float Speed { get; init; }
    [MinMax] public double Load { get; init; }
    [MaxAbs] public int Count { get; init; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public VehicleKind Kind { get; init; }
    [ZScore] public float? Temperature { get; init; }
    [Passthrough] public bool Electric { get; init; }
}

/// <summary>12 float32 z-scores, default profile: the two-operation kernel (subtract, multiply).</summary>
[FeatureSet("bench_zscore", Version = 1)]
public partial struct ZScoreRow
{
    [ZScore] public float F0;
    [ZScore] public float F1;
    [ZScore] public float F2;
    [ZScore] public float F3;
    [ZScore] public float F4;
    [ZScore] public float F5;
    [ZScore] public float F6;
    [ZScore] public float F7;
    [ZScore] public float F8;
    [ZScore] public float F9;
    [ZScore] public float F10;
    [ZScore] public float F11;
}

/// <summary>bench_default's 12 features, fitted with training statistics so a drift monitor has a real baseline.</summary>
[FeatureSet("bench_monitored", Version = 1)]
public partial struct MonitoredRow
{
    [ZScore] public float F0;
    [ZScore] public float F1;
    [ZScore] public float F2;
    [ZScore] public float F3;
    [ZScore] public float F4;
    [ZScore] public float F5;
    [MinMax] public float F6;
    [MinMax] public float F7;
    [MinMax] public float F8;
    [MaxAbs] public float F9;
    [MaxAbs] public float F10;
    [MaxAbs] public float F11;
}

/// <summary>bench_default's 12 features with <c>missing: propagate</c> on each: the same kernel with no lane refusing NaN.</summary>
[FeatureSet("bench_default_propagate", Version = 1)]
public partial struct DefaultPropagateRow
{
    [ZScore] public float F0;
    [ZScore] public float F1;
    [ZScore] public float F2;
    [ZScore] public float F3;
    [ZScore] public float F4;
    [ZScore] public float F5;
    [MinMax] public float F6;
    [MinMax] public float F7;
    [MinMax] public float F8;
    [MaxAbs] public float F9;
    [MaxAbs] public float F10;
    [MaxAbs] public float F11;
}
