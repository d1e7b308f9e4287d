using NormGuard;

namespace NormGuard.Tests;

// One member per scikit-learn transformer of Golden/make_sklearn_golden.py, in its column order.

[FeatureSet("golden_sklearn_f64", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial record struct SklearnF64Row
{
    [ZScore] public double Z { get; init; }
    [ZScore] public double ZConst { get; init; }
    [ZScore] public double ZEpoch { get; init; }
    [ZScore] public double ZTiny { get; init; }
    [MinMax] public double M { get; init; }
    [MinMax(-1, 2, Clip = true)] public double MClip { get; init; }
    [MinMax] public double MConst { get; init; }
    [MaxAbs] public double A { get; init; }
    [Robust] public double R { get; init; }
    [Robust(10, 90)] public double R1090 { get; init; }
    [Log1p, ZScore] public double L1Z { get; init; }
    [Log, ZScore] public double LZ { get; init; }
    [ZScore, Clip(-3, 3)] public double ZC { get; init; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public string Cat { get; init; }
    [OneHot] public int Code { get; init; }
    [Passthrough] public double P { get; init; }
}

[FeatureSet("golden_sklearn_f32", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial record struct SklearnF32Row
{
    [ZScore] public float Z { get; init; }
    [ZScore] public float ZConst { get; init; }
    [ZScore] public float ZEpoch { get; init; }
    [ZScore] public float ZTiny { get; init; }
    [MinMax] public float M { get; init; }
    [MinMax(-1, 2, Clip = true)] public float MClip { get; init; }
    [MinMax] public float MConst { get; init; }
    [MaxAbs] public float A { get; init; }
    [Robust] public float R { get; init; }
    [Robust(10, 90)] public float R1090 { get; init; }
    [Log1p, ZScore] public float L1Z { get; init; }
    [Log, ZScore] public float LZ { get; init; }
    [ZScore, Clip(-3, 3)] public float ZC { get; init; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public string Cat { get; init; }
    [OneHot] public int Code { get; init; }
    [Passthrough] public float P { get; init; }
}

/// <summary>All float32 fields in manifest order: NormalizeBatch runs as one vector stream.</summary>
[FeatureSet("golden_onnx", Version = 1, Profile = NormalizationProfile.Onnx)]
public partial record struct OnnxRow
{
    [ZScore] public float S1 { get; init; }
    [ZScore] public float S2 { get; init; }
    [MinMax] public float M1 { get; init; }
    [MaxAbs] public float A1 { get; init; }
    [Robust] public float R1 { get; init; }
    [Robust(10, 90)] public float R2 { get; init; }
}
