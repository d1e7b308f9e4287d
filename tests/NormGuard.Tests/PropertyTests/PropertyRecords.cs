using NormGuard;

namespace NormGuard.Tests.PropertyTests;

// Records for the property tests, bound to Manifests/Property/prop_{flat,wide}_<profile>.normguard.json. The parameters
// are chosen to be awkward: 1e-9 scales, epoch-sized offsets, a 3e30 max-abs, a min-max range below float32's 10·eps
// (constant under scikit-learn's float32 rule, not under float64), a reversed target range (normguard only: the
// training libraries refuse one), zero std where the profile defines it (spark, mlnet), constant min-max columns.
// Every feature declares "missing": "propagate", so a NaN input comes out as NaN, as the plain reference computes it
// (under the default "error" it would throw: EdgeValueTests and StreamKernelMissingTests cover the policies).
//
// "Flat" records are structs of float32 fields in manifest order whose steps fit the stream kernels: NormalizeBatch
// runs the vector kernels. "Wide" records are structs of float64 fields with log steps: every path is the per-row code.
// Both are plain sequential structs, so the tests fill them straight from a float[] or double[] of member values.

/// <summary>Flat float32 record, the NormGuard profile's float32 arithmetic (Manifests/Property/prop_flat_normguard.normguard.json).</summary>
[FeatureSet("prop_flat_normguard", Version = 1, Profile = NormalizationProfile.NormGuard)]
public partial struct PropFlatNormGuard
{
    [ZScore] public float Z;
    [ZScore] public float ZTiny;
    [ZScore] public float ZEpoch;
    [ZScore] public float ZNeg;
    [MinMax] public float M;
    [MinMax(-1, 2, Clip = true)] public float MClip;
    [MinMax] public float MTiny;
    [MinMax(1, -1)] public float MRev;
    [MaxAbs] public float A;
    [MaxAbs] public float AHuge;
    [Robust, Clip(-5, 5)] public float R;
    [Robust(10, 90)] public float RWide;
    [Passthrough] public float P;
    [ZScore, Clip(-3, 3)] public float ZC;
}

/// <summary>Float64 record with log steps (per-row code), the NormGuard profile's float32 arithmetic (Manifests/Property/prop_wide_normguard.normguard.json).</summary>
[FeatureSet("prop_wide_normguard", Version = 1, Profile = NormalizationProfile.NormGuard)]
public partial struct PropWideNormGuard
{
    [Log1p, ZScore] public double L1Z;
    [Log, MinMax] public double LM;
    [Log1p, ZScore, Clip(-2.5, 2.5)] public double L1ZC;
    [ZScore] public double Z;
    [ZScore] public double ZTiny;
    [ZScore] public double ZZero;
    [MinMax(-1, 1)] public double MConst;
    [MinMax(Clip = true)] public double MClip;
    [MaxAbs] public double A;
    [ZScore, Clip(-0.1, 0.1)] public double ZClip;
    [Robust] public double R;
    [Passthrough] public double P;
}

/// <summary>Flat float32 record, scikit-learn on float32 data: float64 operations rounded after each one (Manifests/Property/prop_flat_sklearn32.normguard.json).</summary>
[FeatureSet("prop_flat_sklearn32", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial struct PropFlatSklearn32
{
    [ZScore] public float Z;
    [ZScore] public float ZTiny;
    [ZScore] public float ZEpoch;
    [ZScore] public float ZNeg;
    [MinMax] public float M;
    [MinMax(-1, 2, Clip = true)] public float MClip;
    [MinMax] public float MTiny;
    [MaxAbs] public float A;
    [MaxAbs] public float AHuge;
    [Robust, Clip(-5, 5)] public float R;
    [Robust(10, 90)] public float RWide;
    [Passthrough] public float P;
    [ZScore, Clip(-3, 3)] public float ZC;
}

/// <summary>Float64 record with log steps (per-row code), scikit-learn on float32 data: float64 operations rounded after each one (Manifests/Property/prop_wide_sklearn32.normguard.json).</summary>
[FeatureSet("prop_wide_sklearn32", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial struct PropWideSklearn32
{
    [Log1p, ZScore] public double L1Z;
    [Log, MinMax] public double LM;
    [Log1p, ZScore, Clip(-2.5, 2.5)] public double L1ZC;
    [ZScore] public double Z;
    [ZScore] public double ZTiny;
    [ZScore] public double ZZero;
    [MinMax(-1, 1)] public double MConst;
    [MinMax(Clip = true)] public double MClip;
    [MaxAbs] public double A;
    [ZScore, Clip(-0.1, 0.1)] public double ZClip;
    [Robust] public double R;
    [Passthrough] public double P;
}

/// <summary>Flat float32 record, scikit-learn on float64 data: float64 operations, one rounding at the end (Manifests/Property/prop_flat_sklearn64.normguard.json).</summary>
[FeatureSet("prop_flat_sklearn64", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial struct PropFlatSklearn64
{
    [ZScore] public float Z;
    [ZScore] public float ZTiny;
    [ZScore] public float ZEpoch;
    [ZScore] public float ZNeg;
    [MinMax] public float M;
    [MinMax(-1, 2, Clip = true)] public float MClip;
    [MinMax] public float MTiny;
    [MaxAbs] public float A;
    [MaxAbs] public float AHuge;
    [Robust, Clip(-5, 5)] public float R;
    [Robust(10, 90)] public float RWide;
    [Passthrough] public float P;
    [ZScore, Clip(-3, 3)] public float ZC;
}

/// <summary>Float64 record with log steps (per-row code), scikit-learn on float64 data: float64 operations, one rounding at the end (Manifests/Property/prop_wide_sklearn64.normguard.json).</summary>
[FeatureSet("prop_wide_sklearn64", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial struct PropWideSklearn64
{
    [Log1p, ZScore] public double L1Z;
    [Log, MinMax] public double LM;
    [Log1p, ZScore, Clip(-2.5, 2.5)] public double L1ZC;
    [ZScore] public double Z;
    [ZScore] public double ZTiny;
    [ZScore] public double ZZero;
    [MinMax(-1, 1)] public double MConst;
    [MinMax(Clip = true)] public double MClip;
    [MaxAbs] public double A;
    [ZScore, Clip(-0.1, 0.1)] public double ZClip;
    [Robust] public double R;
    [Passthrough] public double P;
}

/// <summary>Flat float32 record, ai.onnx.ml.Scaler as skl2onnx emits it: float32 (Manifests/Property/prop_flat_onnx.normguard.json).</summary>
[FeatureSet("prop_flat_onnx", Version = 1, Profile = NormalizationProfile.Onnx)]
public partial struct PropFlatOnnx
{
    [ZScore] public float Z;
    [ZScore] public float ZTiny;
    [ZScore] public float ZEpoch;
    [ZScore] public float ZNeg;
    [MinMax] public float M;
    [MinMax(-1, 2, Clip = true)] public float MClip;
    [MinMax] public float MTiny;
    [MaxAbs] public float A;
    [MaxAbs] public float AHuge;
    [Robust, Clip(-5, 5)] public float R;
    [Robust(10, 90)] public float RWide;
    [Passthrough] public float P;
    [ZScore, Clip(-3, 3)] public float ZC;
}

/// <summary>Float64 record with log steps (per-row code), ai.onnx.ml.Scaler as skl2onnx emits it: float32 (Manifests/Property/prop_wide_onnx.normguard.json).</summary>
[FeatureSet("prop_wide_onnx", Version = 1, Profile = NormalizationProfile.Onnx)]
public partial struct PropWideOnnx
{
    [Log1p, ZScore] public double L1Z;
    [Log, MinMax] public double LM;
    [Log1p, ZScore, Clip(-2.5, 2.5)] public double L1ZC;
    [ZScore] public double Z;
    [ZScore] public double ZTiny;
    [ZScore] public double ZZero;
    [MinMax(-1, 1)] public double MConst;
    [MinMax(Clip = true)] public double MClip;
    [MaxAbs] public double A;
    [ZScore, Clip(-0.1, 0.1)] public double ZClip;
    [Robust] public double R;
    [Passthrough] public double P;
}

/// <summary>Flat float32 record, ML.NET's affine normalizers: float32 (Manifests/Property/prop_flat_mlnet.normguard.json).</summary>
[FeatureSet("prop_flat_mlnet", Version = 1, Profile = NormalizationProfile.MLNet)]
public partial struct PropFlatMLNet
{
    [ZScore] public float Z;
    [ZScore] public float ZTiny;
    [ZScore] public float ZEpoch;
    [ZScore] public float ZNeg;
    [MinMax] public float M;
    [MinMax(-1, 2, Clip = true)] public float MClip;
    [MinMax] public float MTiny;
    [MaxAbs] public float A;
    [MaxAbs] public float AHuge;
    [Robust, Clip(-5, 5)] public float R;
    [Robust(10, 90)] public float RWide;
    [Passthrough] public float P;
    [ZScore, Clip(-3, 3)] public float ZC;
}

/// <summary>Float64 record with log steps (per-row code), ML.NET's affine normalizers: float32 (Manifests/Property/prop_wide_mlnet.normguard.json).</summary>
[FeatureSet("prop_wide_mlnet", Version = 1, Profile = NormalizationProfile.MLNet)]
public partial struct PropWideMLNet
{
    [Log1p, ZScore] public double L1Z;
    [Log, MinMax] public double LM;
    [Log1p, ZScore, Clip(-2.5, 2.5)] public double L1ZC;
    [ZScore] public double Z;
    [ZScore] public double ZTiny;
    [ZScore] public double ZZero;
    [MinMax(-1, 1)] public double MConst;
    [MinMax(Clip = true)] public double MClip;
    [MaxAbs] public double A;
    [ZScore, Clip(-0.1, 0.1)] public double ZClip;
    [Robust] public double R;
    [Passthrough] public double P;
}

/// <summary>Flat float32 record, Spark ML's scaler models: float64 (Manifests/Property/prop_flat_spark.normguard.json).</summary>
[FeatureSet("prop_flat_spark", Version = 1, Profile = NormalizationProfile.Spark)]
public partial struct PropFlatSpark
{
    [ZScore] public float Z;
    [ZScore] public float ZTiny;
    [ZScore] public float ZEpoch;
    [ZScore] public float ZNeg;
    [MinMax] public float M;
    [MinMax(-1, 2, Clip = true)] public float MClip;
    [MinMax] public float MTiny;
    [MaxAbs] public float A;
    [MaxAbs] public float AHuge;
    [Robust, Clip(-5, 5)] public float R;
    [Robust(10, 90)] public float RWide;
    [Passthrough] public float P;
    [ZScore, Clip(-3, 3)] public float ZC;
}

/// <summary>Float64 record with log steps (per-row code), Spark ML's scaler models: float64 (Manifests/Property/prop_wide_spark.normguard.json).</summary>
[FeatureSet("prop_wide_spark", Version = 1, Profile = NormalizationProfile.Spark)]
public partial struct PropWideSpark
{
    [Log1p, ZScore] public double L1Z;
    [Log, MinMax] public double LM;
    [Log1p, ZScore, Clip(-2.5, 2.5)] public double L1ZC;
    [ZScore] public double Z;
    [ZScore] public double ZTiny;
    [ZScore] public double ZZero;
    [MinMax(-1, 1)] public double MConst;
    [MinMax(Clip = true)] public double MClip;
    [MaxAbs] public double A;
    [ZScore, Clip(-0.1, 0.1)] public double ZClip;
    [Robust] public double R;
    [Passthrough] public double P;
}
