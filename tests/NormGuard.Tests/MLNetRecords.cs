using NormGuard;

namespace NormGuard.Tests;

/// <summary>
/// The golden_mlnet feature set (MLNetProfileTests.cs): twelve float32 fields in manifest order, so NormalizeBatch runs
/// as one vector stream. Its manifest, Golden/golden_mlnet.normguard.json, holds parameters derived from what ML.NET
/// 6.0.0 fits on Golden/golden_mlnet.train.csv (MLNetGolden.cs): Z* from NormalizeMeanVariance(fixZero: false),
/// M* from NormalizeMinMax(fixZero: false), A* from NormalizeMinMax(fixZero: true), each group one vector column of 4.
/// </summary>
[FeatureSet("golden_mlnet", Version = 1, Profile = NormalizationProfile.MLNet)]
public partial record struct MLNetRow
{
    [ZScore] public float Z1 { get; init; }
    [ZScore] public float Z2 { get; init; }
    [ZScore] public float Z3 { get; init; }
    [ZScore] public float Z4 { get; init; }
    [MinMax] public float M1 { get; init; }
    [MinMax] public float M2 { get; init; }
    [MinMax] public float M3 { get; init; }
    [MinMax] public float M4 { get; init; }
    [MaxAbs] public float A1 { get; init; }
    [MaxAbs] public float A2 { get; init; }
    [MaxAbs] public float A3 { get; init; }
    [MaxAbs] public float A4 { get; init; }
}

/// <summary>
/// The same twelve fields bound to Golden/golden_mlnet_vector.normguard.json: the same parameters as golden_mlnet, each
/// feature marked <c>"mlnetColumn": "vector"</c>, so the generated code follows ML.NET's vector path (every zero +0).
/// </summary>
[FeatureSet("golden_mlnet_vector", Version = 1, Profile = NormalizationProfile.MLNet)]
public partial record struct MLNetVectorRow
{
    [ZScore] public float Z1 { get; init; }
    [ZScore] public float Z2 { get; init; }
    [ZScore] public float Z3 { get; init; }
    [ZScore] public float Z4 { get; init; }
    [MinMax] public float M1 { get; init; }
    [MinMax] public float M2 { get; init; }
    [MinMax] public float M3 { get; init; }
    [MinMax] public float M4 { get; init; }
    [MaxAbs] public float A1 { get; init; }
    [MaxAbs] public float A2 { get; init; }
    [MaxAbs] public float A3 { get; init; }
    [MaxAbs] public float A4 { get; init; }
}
