using NormGuard;

namespace Diamonds;

/// <summary>
/// One diamond, as the model sees it. The attributes say which normalization each column gets; the parameters
/// (means, standard deviations, medians, categories) come from <c>diamonds.normguard.json</c>, written by
/// <c>train/train_model.py</c>, and are compiled into the generated <c>Normalize</c> code. Member order is the
/// manifest's feature order, which is the model's column order.
/// </summary>
[FeatureSet("diamonds", Version = 1, Profile = NormalizationProfile.ScikitLearn)]
public partial record struct Diamond
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

    /// <summary>The label (US dollars), not a feature.</summary>
    [Ignore] public double Price { get; init; }
}
