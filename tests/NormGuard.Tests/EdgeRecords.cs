// Written by Manifests/make_edge_manifests.py with the edge_*.normguard.json manifests it binds to.
using NormGuard;

namespace NormGuard.Tests;

public enum EdgeColor
{
    Red,
    Green,
    Blue,
    Violet,
}

/// <summary>Every op, member type and missing policy under profile normguard (float32): Manifests/edge_normguard.normguard.json.</summary>
[FeatureSet("edge_normguard", Version = 1, Profile = NormalizationProfile.NormGuard)]
public sealed partial class EdgeNormGuard
{
    [ZScore] public double ZScoreDouble { get; set; }
    [MinMax] public double MinMaxDouble { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDouble { get; set; }
    [MaxAbs] public double MaxAbsDouble { get; set; }
    [Robust] public double RobustDouble { get; set; }
    [Log1p] public double Log1pDouble { get; set; }
    [Log] public double LogDouble { get; set; }
    [Clip(-2, 2)] public double ClipDouble { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDouble { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDouble { get; set; }
    [Passthrough] public double PassDouble { get; set; }
    [ZScore] public double ZScoreDoublePropagate { get; set; }
    [MinMax] public double MinMaxDoublePropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoublePropagate { get; set; }
    [MaxAbs] public double MaxAbsDoublePropagate { get; set; }
    [Robust] public double RobustDoublePropagate { get; set; }
    [Log1p] public double Log1pDoublePropagate { get; set; }
    [Log] public double LogDoublePropagate { get; set; }
    [Clip(-2, 2)] public double ClipDoublePropagate { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoublePropagate { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoublePropagate { get; set; }
    [Passthrough] public double PassDoublePropagate { get; set; }
    [ZScore] public double ZScoreDoubleFill { get; set; }
    [MinMax] public double MinMaxDoubleFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoubleFill { get; set; }
    [MaxAbs] public double MaxAbsDoubleFill { get; set; }
    [Robust] public double RobustDoubleFill { get; set; }
    [Log1p] public double Log1pDoubleFill { get; set; }
    [Log] public double LogDoubleFill { get; set; }
    [Clip(-2, 2)] public double ClipDoubleFill { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoubleFill { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoubleFill { get; set; }
    [Passthrough] public double PassDoubleFill { get; set; }
    [ZScore] public float ZScoreFloat { get; set; }
    [MinMax] public float MinMaxFloat { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloat { get; set; }
    [MaxAbs] public float MaxAbsFloat { get; set; }
    [Robust] public float RobustFloat { get; set; }
    [Log1p] public float Log1pFloat { get; set; }
    [Log] public float LogFloat { get; set; }
    [Clip(-2, 2)] public float ClipFloat { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloat { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloat { get; set; }
    [Passthrough] public float PassFloat { get; set; }
    [ZScore] public float ZScoreFloatPropagate { get; set; }
    [MinMax] public float MinMaxFloatPropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatPropagate { get; set; }
    [MaxAbs] public float MaxAbsFloatPropagate { get; set; }
    [Robust] public float RobustFloatPropagate { get; set; }
    [Log1p] public float Log1pFloatPropagate { get; set; }
    [Log] public float LogFloatPropagate { get; set; }
    [Clip(-2, 2)] public float ClipFloatPropagate { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatPropagate { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatPropagate { get; set; }
    [Passthrough] public float PassFloatPropagate { get; set; }
    [ZScore] public float ZScoreFloatFill { get; set; }
    [MinMax] public float MinMaxFloatFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatFill { get; set; }
    [MaxAbs] public float MaxAbsFloatFill { get; set; }
    [Robust] public float RobustFloatFill { get; set; }
    [Log1p] public float Log1pFloatFill { get; set; }
    [Log] public float LogFloatFill { get; set; }
    [Clip(-2, 2)] public float ClipFloatFill { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatFill { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatFill { get; set; }
    [Passthrough] public float PassFloatFill { get; set; }
    [ZScore] public int ZScoreInt { get; set; }
    [MinMax] public int MinMaxInt { get; set; }
    [MaxAbs] public int MaxAbsInt { get; set; }
    [Passthrough] public int PassInt { get; set; }
    [ZScore] public long ZScoreLong { get; set; }
    [Robust] public long RobustLong { get; set; }
    [ZScore] public float? ZScoreNullableFloat { get; set; }
    [ZScore] public double? ZScoreNullableDouble { get; set; }
    [MinMax] public float? MinMaxNullableFloat { get; set; }
    [MaxAbs] public int? MaxAbsNullableInt { get; set; }
    [Log1p, ZScore] public long? Log1pZScoreNullableLong { get; set; }
    [Clip(-2, 2)] public double? ClipNullableDouble { get; set; }
    [Log] public float? LogNullableFloat { get; set; }
    [Passthrough] public bool? PassNullableBool { get; set; }
    [Passthrough] public double? PassNullableDouble { get; set; }
    [OneHot] public EdgeColor Color { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public string? Tag { get; set; }
    [OneHot] public int? Code { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public EdgeColor? Shade { get; set; }
    [OneHot] public string Name { get; set; } = "x";
    [ZScore] public double ZScoreConstant { get; set; }
    [MinMax] public double MinMaxConstant { get; set; }
    [MaxAbs] public double MaxAbsConstant { get; set; }
    [Robust] public double RobustConstant { get; set; }
}

/// <summary>Every op, member type and missing policy under profile sklearn (float64): Manifests/edge_sklearn64.normguard.json.</summary>
[FeatureSet("edge_sklearn64", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public sealed partial class EdgeSklearn64
{
    [ZScore] public double ZScoreDouble { get; set; }
    [MinMax] public double MinMaxDouble { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDouble { get; set; }
    [MaxAbs] public double MaxAbsDouble { get; set; }
    [Robust] public double RobustDouble { get; set; }
    [Log1p] public double Log1pDouble { get; set; }
    [Log] public double LogDouble { get; set; }
    [Clip(-2, 2)] public double ClipDouble { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDouble { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDouble { get; set; }
    [Passthrough] public double PassDouble { get; set; }
    [ZScore] public double ZScoreDoublePropagate { get; set; }
    [MinMax] public double MinMaxDoublePropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoublePropagate { get; set; }
    [MaxAbs] public double MaxAbsDoublePropagate { get; set; }
    [Robust] public double RobustDoublePropagate { get; set; }
    [Log1p] public double Log1pDoublePropagate { get; set; }
    [Log] public double LogDoublePropagate { get; set; }
    [Clip(-2, 2)] public double ClipDoublePropagate { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoublePropagate { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoublePropagate { get; set; }
    [Passthrough] public double PassDoublePropagate { get; set; }
    [ZScore] public double ZScoreDoubleFill { get; set; }
    [MinMax] public double MinMaxDoubleFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoubleFill { get; set; }
    [MaxAbs] public double MaxAbsDoubleFill { get; set; }
    [Robust] public double RobustDoubleFill { get; set; }
    [Log1p] public double Log1pDoubleFill { get; set; }
    [Log] public double LogDoubleFill { get; set; }
    [Clip(-2, 2)] public double ClipDoubleFill { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoubleFill { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoubleFill { get; set; }
    [Passthrough] public double PassDoubleFill { get; set; }
    [ZScore] public float ZScoreFloat { get; set; }
    [MinMax] public float MinMaxFloat { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloat { get; set; }
    [MaxAbs] public float MaxAbsFloat { get; set; }
    [Robust] public float RobustFloat { get; set; }
    [Log1p] public float Log1pFloat { get; set; }
    [Log] public float LogFloat { get; set; }
    [Clip(-2, 2)] public float ClipFloat { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloat { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloat { get; set; }
    [Passthrough] public float PassFloat { get; set; }
    [ZScore] public float ZScoreFloatPropagate { get; set; }
    [MinMax] public float MinMaxFloatPropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatPropagate { get; set; }
    [MaxAbs] public float MaxAbsFloatPropagate { get; set; }
    [Robust] public float RobustFloatPropagate { get; set; }
    [Log1p] public float Log1pFloatPropagate { get; set; }
    [Log] public float LogFloatPropagate { get; set; }
    [Clip(-2, 2)] public float ClipFloatPropagate { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatPropagate { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatPropagate { get; set; }
    [Passthrough] public float PassFloatPropagate { get; set; }
    [ZScore] public float ZScoreFloatFill { get; set; }
    [MinMax] public float MinMaxFloatFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatFill { get; set; }
    [MaxAbs] public float MaxAbsFloatFill { get; set; }
    [Robust] public float RobustFloatFill { get; set; }
    [Log1p] public float Log1pFloatFill { get; set; }
    [Log] public float LogFloatFill { get; set; }
    [Clip(-2, 2)] public float ClipFloatFill { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatFill { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatFill { get; set; }
    [Passthrough] public float PassFloatFill { get; set; }
    [ZScore] public int ZScoreInt { get; set; }
    [MinMax] public int MinMaxInt { get; set; }
    [MaxAbs] public int MaxAbsInt { get; set; }
    [Passthrough] public int PassInt { get; set; }
    [ZScore] public long ZScoreLong { get; set; }
    [Robust] public long RobustLong { get; set; }
    [ZScore] public float? ZScoreNullableFloat { get; set; }
    [ZScore] public double? ZScoreNullableDouble { get; set; }
    [MinMax] public float? MinMaxNullableFloat { get; set; }
    [MaxAbs] public int? MaxAbsNullableInt { get; set; }
    [Log1p, ZScore] public long? Log1pZScoreNullableLong { get; set; }
    [Clip(-2, 2)] public double? ClipNullableDouble { get; set; }
    [Log] public float? LogNullableFloat { get; set; }
    [Passthrough] public bool? PassNullableBool { get; set; }
    [Passthrough] public double? PassNullableDouble { get; set; }
    [OneHot] public EdgeColor Color { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public string? Tag { get; set; }
    [OneHot] public int? Code { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public EdgeColor? Shade { get; set; }
    [OneHot] public string Name { get; set; } = "x";
    [ZScore] public double ZScoreConstant { get; set; }
    [MinMax] public double MinMaxConstant { get; set; }
    [MaxAbs] public double MaxAbsConstant { get; set; }
    [Robust] public double RobustConstant { get; set; }
}

/// <summary>Every op, member type and missing policy under profile sklearn (float32): Manifests/edge_sklearn32.normguard.json.</summary>
[FeatureSet("edge_sklearn32", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public sealed partial class EdgeSklearn32
{
    [ZScore] public double ZScoreDouble { get; set; }
    [MinMax] public double MinMaxDouble { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDouble { get; set; }
    [MaxAbs] public double MaxAbsDouble { get; set; }
    [Robust] public double RobustDouble { get; set; }
    [Log1p] public double Log1pDouble { get; set; }
    [Log] public double LogDouble { get; set; }
    [Clip(-2, 2)] public double ClipDouble { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDouble { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDouble { get; set; }
    [Passthrough] public double PassDouble { get; set; }
    [ZScore] public double ZScoreDoublePropagate { get; set; }
    [MinMax] public double MinMaxDoublePropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoublePropagate { get; set; }
    [MaxAbs] public double MaxAbsDoublePropagate { get; set; }
    [Robust] public double RobustDoublePropagate { get; set; }
    [Log1p] public double Log1pDoublePropagate { get; set; }
    [Log] public double LogDoublePropagate { get; set; }
    [Clip(-2, 2)] public double ClipDoublePropagate { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoublePropagate { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoublePropagate { get; set; }
    [Passthrough] public double PassDoublePropagate { get; set; }
    [ZScore] public double ZScoreDoubleFill { get; set; }
    [MinMax] public double MinMaxDoubleFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoubleFill { get; set; }
    [MaxAbs] public double MaxAbsDoubleFill { get; set; }
    [Robust] public double RobustDoubleFill { get; set; }
    [Log1p] public double Log1pDoubleFill { get; set; }
    [Log] public double LogDoubleFill { get; set; }
    [Clip(-2, 2)] public double ClipDoubleFill { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoubleFill { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoubleFill { get; set; }
    [Passthrough] public double PassDoubleFill { get; set; }
    [ZScore] public float ZScoreFloat { get; set; }
    [MinMax] public float MinMaxFloat { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloat { get; set; }
    [MaxAbs] public float MaxAbsFloat { get; set; }
    [Robust] public float RobustFloat { get; set; }
    [Log1p] public float Log1pFloat { get; set; }
    [Log] public float LogFloat { get; set; }
    [Clip(-2, 2)] public float ClipFloat { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloat { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloat { get; set; }
    [Passthrough] public float PassFloat { get; set; }
    [ZScore] public float ZScoreFloatPropagate { get; set; }
    [MinMax] public float MinMaxFloatPropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatPropagate { get; set; }
    [MaxAbs] public float MaxAbsFloatPropagate { get; set; }
    [Robust] public float RobustFloatPropagate { get; set; }
    [Log1p] public float Log1pFloatPropagate { get; set; }
    [Log] public float LogFloatPropagate { get; set; }
    [Clip(-2, 2)] public float ClipFloatPropagate { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatPropagate { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatPropagate { get; set; }
    [Passthrough] public float PassFloatPropagate { get; set; }
    [ZScore] public float ZScoreFloatFill { get; set; }
    [MinMax] public float MinMaxFloatFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatFill { get; set; }
    [MaxAbs] public float MaxAbsFloatFill { get; set; }
    [Robust] public float RobustFloatFill { get; set; }
    [Log1p] public float Log1pFloatFill { get; set; }
    [Log] public float LogFloatFill { get; set; }
    [Clip(-2, 2)] public float ClipFloatFill { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatFill { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatFill { get; set; }
    [Passthrough] public float PassFloatFill { get; set; }
    [ZScore] public int ZScoreInt { get; set; }
    [MinMax] public int MinMaxInt { get; set; }
    [MaxAbs] public int MaxAbsInt { get; set; }
    [Passthrough] public int PassInt { get; set; }
    [ZScore] public long ZScoreLong { get; set; }
    [Robust] public long RobustLong { get; set; }
    [ZScore] public float? ZScoreNullableFloat { get; set; }
    [ZScore] public double? ZScoreNullableDouble { get; set; }
    [MinMax] public float? MinMaxNullableFloat { get; set; }
    [MaxAbs] public int? MaxAbsNullableInt { get; set; }
    [Log1p, ZScore] public long? Log1pZScoreNullableLong { get; set; }
    [Clip(-2, 2)] public double? ClipNullableDouble { get; set; }
    [Log] public float? LogNullableFloat { get; set; }
    [Passthrough] public bool? PassNullableBool { get; set; }
    [Passthrough] public double? PassNullableDouble { get; set; }
    [OneHot] public EdgeColor Color { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public string? Tag { get; set; }
    [OneHot] public int? Code { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public EdgeColor? Shade { get; set; }
    [OneHot] public string Name { get; set; } = "x";
    [ZScore] public double ZScoreConstant { get; set; }
    [MinMax] public double MinMaxConstant { get; set; }
    [MaxAbs] public double MaxAbsConstant { get; set; }
    [Robust] public double RobustConstant { get; set; }
}

/// <summary>Every op, member type and missing policy under profile onnx (float32): Manifests/edge_onnx.normguard.json.</summary>
[FeatureSet("edge_onnx", Version = 1, Profile = NormalizationProfile.Onnx)]
public sealed partial class EdgeOnnx
{
    [ZScore] public double ZScoreDouble { get; set; }
    [MinMax] public double MinMaxDouble { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDouble { get; set; }
    [MaxAbs] public double MaxAbsDouble { get; set; }
    [Robust] public double RobustDouble { get; set; }
    [Log1p] public double Log1pDouble { get; set; }
    [Log] public double LogDouble { get; set; }
    [Clip(-2, 2)] public double ClipDouble { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDouble { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDouble { get; set; }
    [Passthrough] public double PassDouble { get; set; }
    [ZScore] public double ZScoreDoublePropagate { get; set; }
    [MinMax] public double MinMaxDoublePropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoublePropagate { get; set; }
    [MaxAbs] public double MaxAbsDoublePropagate { get; set; }
    [Robust] public double RobustDoublePropagate { get; set; }
    [Log1p] public double Log1pDoublePropagate { get; set; }
    [Log] public double LogDoublePropagate { get; set; }
    [Clip(-2, 2)] public double ClipDoublePropagate { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoublePropagate { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoublePropagate { get; set; }
    [Passthrough] public double PassDoublePropagate { get; set; }
    [ZScore] public double ZScoreDoubleFill { get; set; }
    [MinMax] public double MinMaxDoubleFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoubleFill { get; set; }
    [MaxAbs] public double MaxAbsDoubleFill { get; set; }
    [Robust] public double RobustDoubleFill { get; set; }
    [Log1p] public double Log1pDoubleFill { get; set; }
    [Log] public double LogDoubleFill { get; set; }
    [Clip(-2, 2)] public double ClipDoubleFill { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoubleFill { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoubleFill { get; set; }
    [Passthrough] public double PassDoubleFill { get; set; }
    [ZScore] public float ZScoreFloat { get; set; }
    [MinMax] public float MinMaxFloat { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloat { get; set; }
    [MaxAbs] public float MaxAbsFloat { get; set; }
    [Robust] public float RobustFloat { get; set; }
    [Log1p] public float Log1pFloat { get; set; }
    [Log] public float LogFloat { get; set; }
    [Clip(-2, 2)] public float ClipFloat { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloat { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloat { get; set; }
    [Passthrough] public float PassFloat { get; set; }
    [ZScore] public float ZScoreFloatPropagate { get; set; }
    [MinMax] public float MinMaxFloatPropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatPropagate { get; set; }
    [MaxAbs] public float MaxAbsFloatPropagate { get; set; }
    [Robust] public float RobustFloatPropagate { get; set; }
    [Log1p] public float Log1pFloatPropagate { get; set; }
    [Log] public float LogFloatPropagate { get; set; }
    [Clip(-2, 2)] public float ClipFloatPropagate { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatPropagate { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatPropagate { get; set; }
    [Passthrough] public float PassFloatPropagate { get; set; }
    [ZScore] public float ZScoreFloatFill { get; set; }
    [MinMax] public float MinMaxFloatFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatFill { get; set; }
    [MaxAbs] public float MaxAbsFloatFill { get; set; }
    [Robust] public float RobustFloatFill { get; set; }
    [Log1p] public float Log1pFloatFill { get; set; }
    [Log] public float LogFloatFill { get; set; }
    [Clip(-2, 2)] public float ClipFloatFill { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatFill { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatFill { get; set; }
    [Passthrough] public float PassFloatFill { get; set; }
    [ZScore] public int ZScoreInt { get; set; }
    [MinMax] public int MinMaxInt { get; set; }
    [MaxAbs] public int MaxAbsInt { get; set; }
    [Passthrough] public int PassInt { get; set; }
    [ZScore] public long ZScoreLong { get; set; }
    [Robust] public long RobustLong { get; set; }
    [ZScore] public float? ZScoreNullableFloat { get; set; }
    [ZScore] public double? ZScoreNullableDouble { get; set; }
    [MinMax] public float? MinMaxNullableFloat { get; set; }
    [MaxAbs] public int? MaxAbsNullableInt { get; set; }
    [Log1p, ZScore] public long? Log1pZScoreNullableLong { get; set; }
    [Clip(-2, 2)] public double? ClipNullableDouble { get; set; }
    [Log] public float? LogNullableFloat { get; set; }
    [Passthrough] public bool? PassNullableBool { get; set; }
    [Passthrough] public double? PassNullableDouble { get; set; }
    [OneHot] public EdgeColor Color { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public string? Tag { get; set; }
    [OneHot] public int? Code { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public EdgeColor? Shade { get; set; }
    [OneHot] public string Name { get; set; } = "x";
}

/// <summary>Every op, member type and missing policy under profile mlnet (float32): Manifests/edge_mlnet.normguard.json.</summary>
[FeatureSet("edge_mlnet", Version = 1, Profile = NormalizationProfile.MLNet)]
public sealed partial class EdgeMLNet
{
    [ZScore] public double ZScoreDouble { get; set; }
    [MinMax] public double MinMaxDouble { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDouble { get; set; }
    [MaxAbs] public double MaxAbsDouble { get; set; }
    [Robust] public double RobustDouble { get; set; }
    [Log1p] public double Log1pDouble { get; set; }
    [Log] public double LogDouble { get; set; }
    [Clip(-2, 2)] public double ClipDouble { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDouble { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDouble { get; set; }
    [Passthrough] public double PassDouble { get; set; }
    [ZScore] public double ZScoreDoublePropagate { get; set; }
    [MinMax] public double MinMaxDoublePropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoublePropagate { get; set; }
    [MaxAbs] public double MaxAbsDoublePropagate { get; set; }
    [Robust] public double RobustDoublePropagate { get; set; }
    [Log1p] public double Log1pDoublePropagate { get; set; }
    [Log] public double LogDoublePropagate { get; set; }
    [Clip(-2, 2)] public double ClipDoublePropagate { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoublePropagate { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoublePropagate { get; set; }
    [Passthrough] public double PassDoublePropagate { get; set; }
    [ZScore] public double ZScoreDoubleFill { get; set; }
    [MinMax] public double MinMaxDoubleFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoubleFill { get; set; }
    [MaxAbs] public double MaxAbsDoubleFill { get; set; }
    [Robust] public double RobustDoubleFill { get; set; }
    [Log1p] public double Log1pDoubleFill { get; set; }
    [Log] public double LogDoubleFill { get; set; }
    [Clip(-2, 2)] public double ClipDoubleFill { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoubleFill { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoubleFill { get; set; }
    [Passthrough] public double PassDoubleFill { get; set; }
    [ZScore] public float ZScoreFloat { get; set; }
    [MinMax] public float MinMaxFloat { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloat { get; set; }
    [MaxAbs] public float MaxAbsFloat { get; set; }
    [Robust] public float RobustFloat { get; set; }
    [Log1p] public float Log1pFloat { get; set; }
    [Log] public float LogFloat { get; set; }
    [Clip(-2, 2)] public float ClipFloat { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloat { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloat { get; set; }
    [Passthrough] public float PassFloat { get; set; }
    [ZScore] public float ZScoreFloatPropagate { get; set; }
    [MinMax] public float MinMaxFloatPropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatPropagate { get; set; }
    [MaxAbs] public float MaxAbsFloatPropagate { get; set; }
    [Robust] public float RobustFloatPropagate { get; set; }
    [Log1p] public float Log1pFloatPropagate { get; set; }
    [Log] public float LogFloatPropagate { get; set; }
    [Clip(-2, 2)] public float ClipFloatPropagate { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatPropagate { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatPropagate { get; set; }
    [Passthrough] public float PassFloatPropagate { get; set; }
    [ZScore] public float ZScoreFloatFill { get; set; }
    [MinMax] public float MinMaxFloatFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatFill { get; set; }
    [MaxAbs] public float MaxAbsFloatFill { get; set; }
    [Robust] public float RobustFloatFill { get; set; }
    [Log1p] public float Log1pFloatFill { get; set; }
    [Log] public float LogFloatFill { get; set; }
    [Clip(-2, 2)] public float ClipFloatFill { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatFill { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatFill { get; set; }
    [Passthrough] public float PassFloatFill { get; set; }
    [ZScore] public int ZScoreInt { get; set; }
    [MinMax] public int MinMaxInt { get; set; }
    [MaxAbs] public int MaxAbsInt { get; set; }
    [Passthrough] public int PassInt { get; set; }
    [ZScore] public long ZScoreLong { get; set; }
    [Robust] public long RobustLong { get; set; }
    [ZScore] public float? ZScoreNullableFloat { get; set; }
    [ZScore] public double? ZScoreNullableDouble { get; set; }
    [MinMax] public float? MinMaxNullableFloat { get; set; }
    [MaxAbs] public int? MaxAbsNullableInt { get; set; }
    [Log1p, ZScore] public long? Log1pZScoreNullableLong { get; set; }
    [Clip(-2, 2)] public double? ClipNullableDouble { get; set; }
    [Log] public float? LogNullableFloat { get; set; }
    [Passthrough] public bool? PassNullableBool { get; set; }
    [Passthrough] public double? PassNullableDouble { get; set; }
    [OneHot] public EdgeColor Color { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public string? Tag { get; set; }
    [OneHot] public int? Code { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public EdgeColor? Shade { get; set; }
    [OneHot] public string Name { get; set; } = "x";
    [ZScore] public double ZScoreConstant { get; set; }
    [MinMax] public double MinMaxConstant { get; set; }
    [MaxAbs] public double MaxAbsConstant { get; set; }
    [Robust] public double RobustConstant { get; set; }
}

/// <summary>Every op, member type and missing policy under profile spark (float64): Manifests/edge_spark.normguard.json.</summary>
[FeatureSet("edge_spark", Version = 1, Profile = NormalizationProfile.Spark)]
public sealed partial class EdgeSpark
{
    [ZScore] public double ZScoreDouble { get; set; }
    [MinMax] public double MinMaxDouble { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDouble { get; set; }
    [MaxAbs] public double MaxAbsDouble { get; set; }
    [Robust] public double RobustDouble { get; set; }
    [Log1p] public double Log1pDouble { get; set; }
    [Log] public double LogDouble { get; set; }
    [Clip(-2, 2)] public double ClipDouble { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDouble { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDouble { get; set; }
    [Passthrough] public double PassDouble { get; set; }
    [ZScore] public double ZScoreDoublePropagate { get; set; }
    [MinMax] public double MinMaxDoublePropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoublePropagate { get; set; }
    [MaxAbs] public double MaxAbsDoublePropagate { get; set; }
    [Robust] public double RobustDoublePropagate { get; set; }
    [Log1p] public double Log1pDoublePropagate { get; set; }
    [Log] public double LogDoublePropagate { get; set; }
    [Clip(-2, 2)] public double ClipDoublePropagate { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoublePropagate { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoublePropagate { get; set; }
    [Passthrough] public double PassDoublePropagate { get; set; }
    [ZScore] public double ZScoreDoubleFill { get; set; }
    [MinMax] public double MinMaxDoubleFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public double MinMaxClipDoubleFill { get; set; }
    [MaxAbs] public double MaxAbsDoubleFill { get; set; }
    [Robust] public double RobustDoubleFill { get; set; }
    [Log1p] public double Log1pDoubleFill { get; set; }
    [Log] public double LogDoubleFill { get; set; }
    [Clip(-2, 2)] public double ClipDoubleFill { get; set; }
    [Log1p, ZScore] public double Log1pZScoreDoubleFill { get; set; }
    [Clip(0, 10), MinMax] public double ClipMinMaxDoubleFill { get; set; }
    [Passthrough] public double PassDoubleFill { get; set; }
    [ZScore] public float ZScoreFloat { get; set; }
    [MinMax] public float MinMaxFloat { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloat { get; set; }
    [MaxAbs] public float MaxAbsFloat { get; set; }
    [Robust] public float RobustFloat { get; set; }
    [Log1p] public float Log1pFloat { get; set; }
    [Log] public float LogFloat { get; set; }
    [Clip(-2, 2)] public float ClipFloat { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloat { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloat { get; set; }
    [Passthrough] public float PassFloat { get; set; }
    [ZScore] public float ZScoreFloatPropagate { get; set; }
    [MinMax] public float MinMaxFloatPropagate { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatPropagate { get; set; }
    [MaxAbs] public float MaxAbsFloatPropagate { get; set; }
    [Robust] public float RobustFloatPropagate { get; set; }
    [Log1p] public float Log1pFloatPropagate { get; set; }
    [Log] public float LogFloatPropagate { get; set; }
    [Clip(-2, 2)] public float ClipFloatPropagate { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatPropagate { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatPropagate { get; set; }
    [Passthrough] public float PassFloatPropagate { get; set; }
    [ZScore] public float ZScoreFloatFill { get; set; }
    [MinMax] public float MinMaxFloatFill { get; set; }
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFloatFill { get; set; }
    [MaxAbs] public float MaxAbsFloatFill { get; set; }
    [Robust] public float RobustFloatFill { get; set; }
    [Log1p] public float Log1pFloatFill { get; set; }
    [Log] public float LogFloatFill { get; set; }
    [Clip(-2, 2)] public float ClipFloatFill { get; set; }
    [Log1p, ZScore] public float Log1pZScoreFloatFill { get; set; }
    [Clip(0, 10), MinMax] public float ClipMinMaxFloatFill { get; set; }
    [Passthrough] public float PassFloatFill { get; set; }
    [ZScore] public int ZScoreInt { get; set; }
    [MinMax] public int MinMaxInt { get; set; }
    [MaxAbs] public int MaxAbsInt { get; set; }
    [Passthrough] public int PassInt { get; set; }
    [ZScore] public long ZScoreLong { get; set; }
    [Robust] public long RobustLong { get; set; }
    [ZScore] public float? ZScoreNullableFloat { get; set; }
    [ZScore] public double? ZScoreNullableDouble { get; set; }
    [MinMax] public float? MinMaxNullableFloat { get; set; }
    [MaxAbs] public int? MaxAbsNullableInt { get; set; }
    [Log1p, ZScore] public long? Log1pZScoreNullableLong { get; set; }
    [Clip(-2, 2)] public double? ClipNullableDouble { get; set; }
    [Log] public float? LogNullableFloat { get; set; }
    [Passthrough] public bool? PassNullableBool { get; set; }
    [Passthrough] public double? PassNullableDouble { get; set; }
    [OneHot] public EdgeColor Color { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public string? Tag { get; set; }
    [OneHot] public int? Code { get; set; }
    [OneHot(Unknown = UnknownCategory.AllZeros)] public EdgeColor? Shade { get; set; }
    [OneHot] public string Name { get; set; } = "x";
    [ZScore] public double ZScoreConstant { get; set; }
    [MinMax] public double MinMaxConstant { get; set; }
    [MaxAbs] public double MaxAbsConstant { get; set; }
    [Robust] public double RobustConstant { get; set; }
}

/// <summary>All float32 in manifest order, so batches run the stream kernel: profile normguard (float32), Manifests/edge_stream_normguard.normguard.json.</summary>
[FeatureSet("edge_stream_normguard", Version = 1, Profile = NormalizationProfile.NormGuard)]
public partial struct EdgeStreamNormGuard
{
    [ZScore] public float ZScoreError;
    [MinMax] public float MinMaxError;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipError;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideError;
    [MaxAbs] public float MaxAbsError;
    [Robust] public float RobustError;
    [Clip(-2, 2)] public float ClipError;
    [Passthrough] public float PassError;
    [ZScore] public float ZScorePropagate;
    [MinMax] public float MinMaxPropagate;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipPropagate;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWidePropagate;
    [MaxAbs] public float MaxAbsPropagate;
    [Robust] public float RobustPropagate;
    [Clip(-2, 2)] public float ClipPropagate;
    [Passthrough] public float PassPropagate;
    [ZScore] public float ZScoreFill;
    [MinMax] public float MinMaxFill;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFill;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideFill;
    [MaxAbs] public float MaxAbsFill;
    [Robust] public float RobustFill;
    [Clip(-2, 2)] public float ClipFill;
    [Passthrough] public float PassFill;
}

/// <summary>All float32 in manifest order, so batches run the stream kernel: profile sklearn (float64), Manifests/edge_stream_sklearn64.normguard.json.</summary>
[FeatureSet("edge_stream_sklearn64", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial struct EdgeStreamSklearn64
{
    [ZScore] public float ZScoreError;
    [MinMax] public float MinMaxError;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipError;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideError;
    [MaxAbs] public float MaxAbsError;
    [Robust] public float RobustError;
    [Clip(-2, 2)] public float ClipError;
    [Passthrough] public float PassError;
    [ZScore] public float ZScorePropagate;
    [MinMax] public float MinMaxPropagate;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipPropagate;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWidePropagate;
    [MaxAbs] public float MaxAbsPropagate;
    [Robust] public float RobustPropagate;
    [Clip(-2, 2)] public float ClipPropagate;
    [Passthrough] public float PassPropagate;
    [ZScore] public float ZScoreFill;
    [MinMax] public float MinMaxFill;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFill;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideFill;
    [MaxAbs] public float MaxAbsFill;
    [Robust] public float RobustFill;
    [Clip(-2, 2)] public float ClipFill;
    [Passthrough] public float PassFill;
}

/// <summary>All float32 in manifest order, so batches run the stream kernel: profile sklearn (float32), Manifests/edge_stream_sklearn32.normguard.json.</summary>
[FeatureSet("edge_stream_sklearn32", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial struct EdgeStreamSklearn32
{
    [ZScore] public float ZScoreError;
    [MinMax] public float MinMaxError;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipError;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideError;
    [MaxAbs] public float MaxAbsError;
    [Robust] public float RobustError;
    [Clip(-2, 2)] public float ClipError;
    [Passthrough] public float PassError;
    [ZScore] public float ZScorePropagate;
    [MinMax] public float MinMaxPropagate;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipPropagate;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWidePropagate;
    [MaxAbs] public float MaxAbsPropagate;
    [Robust] public float RobustPropagate;
    [Clip(-2, 2)] public float ClipPropagate;
    [Passthrough] public float PassPropagate;
    [ZScore] public float ZScoreFill;
    [MinMax] public float MinMaxFill;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFill;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideFill;
    [MaxAbs] public float MaxAbsFill;
    [Robust] public float RobustFill;
    [Clip(-2, 2)] public float ClipFill;
    [Passthrough] public float PassFill;
}

/// <summary>All float32 in manifest order, so batches run the stream kernel: profile onnx (float32), Manifests/edge_stream_onnx.normguard.json.</summary>
[FeatureSet("edge_stream_onnx", Version = 1, Profile = NormalizationProfile.Onnx)]
public partial struct EdgeStreamOnnx
{
    [ZScore] public float ZScoreError;
    [MinMax] public float MinMaxError;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipError;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideError;
    [MaxAbs] public float MaxAbsError;
    [Robust] public float RobustError;
    [Clip(-2, 2)] public float ClipError;
    [Passthrough] public float PassError;
    [ZScore] public float ZScorePropagate;
    [MinMax] public float MinMaxPropagate;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipPropagate;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWidePropagate;
    [MaxAbs] public float MaxAbsPropagate;
    [Robust] public float RobustPropagate;
    [Clip(-2, 2)] public float ClipPropagate;
    [Passthrough] public float PassPropagate;
    [ZScore] public float ZScoreFill;
    [MinMax] public float MinMaxFill;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFill;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideFill;
    [MaxAbs] public float MaxAbsFill;
    [Robust] public float RobustFill;
    [Clip(-2, 2)] public float ClipFill;
    [Passthrough] public float PassFill;
}

/// <summary>All float32 in manifest order, so batches run the stream kernel: profile mlnet (float32), Manifests/edge_stream_mlnet.normguard.json.</summary>
[FeatureSet("edge_stream_mlnet", Version = 1, Profile = NormalizationProfile.MLNet)]
public partial struct EdgeStreamMLNet
{
    [ZScore] public float ZScoreError;
    [MinMax] public float MinMaxError;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipError;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideError;
    [MaxAbs] public float MaxAbsError;
    [Robust] public float RobustError;
    [Clip(-2, 2)] public float ClipError;
    [Passthrough] public float PassError;
    [ZScore] public float ZScorePropagate;
    [MinMax] public float MinMaxPropagate;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipPropagate;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWidePropagate;
    [MaxAbs] public float MaxAbsPropagate;
    [Robust] public float RobustPropagate;
    [Clip(-2, 2)] public float ClipPropagate;
    [Passthrough] public float PassPropagate;
    [ZScore] public float ZScoreFill;
    [MinMax] public float MinMaxFill;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFill;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideFill;
    [MaxAbs] public float MaxAbsFill;
    [Robust] public float RobustFill;
    [Clip(-2, 2)] public float ClipFill;
    [Passthrough] public float PassFill;
}

/// <summary>All float32 in manifest order, so batches run the stream kernel: profile spark (float64), Manifests/edge_stream_spark.normguard.json.</summary>
[FeatureSet("edge_stream_spark", Version = 1, Profile = NormalizationProfile.Spark)]
public partial struct EdgeStreamSpark
{
    [ZScore] public float ZScoreError;
    [MinMax] public float MinMaxError;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipError;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideError;
    [MaxAbs] public float MaxAbsError;
    [Robust] public float RobustError;
    [Clip(-2, 2)] public float ClipError;
    [Passthrough] public float PassError;
    [ZScore] public float ZScorePropagate;
    [MinMax] public float MinMaxPropagate;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipPropagate;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWidePropagate;
    [MaxAbs] public float MaxAbsPropagate;
    [Robust] public float RobustPropagate;
    [Clip(-2, 2)] public float ClipPropagate;
    [Passthrough] public float PassPropagate;
    [ZScore] public float ZScoreFill;
    [MinMax] public float MinMaxFill;
    [MinMax(-1, 1, Clip = true)] public float MinMaxClipFill;
    [MinMax(0, 10, Clip = true)] public float MinMaxClipWideFill;
    [MaxAbs] public float MaxAbsFill;
    [Robust] public float RobustFill;
    [Clip(-2, 2)] public float ClipFill;
    [Passthrough] public float PassFill;
}
