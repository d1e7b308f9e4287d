using NormGuard;

namespace Shop;

[FeatureSet("houses", Version = 1, Profile = NormalizationProfile.NormGuard)]
public partial record struct House
{
    [ZScore] public double Area { get; init; }
    [MinMax(0, 1)] public double Rooms { get; init; }
}
