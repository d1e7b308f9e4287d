using NormGuard;

namespace Shop;

[FeatureSet("houses", Version = 1)]
public partial record struct House
{
    [ZScore] public double Area { get; init; }
    public double Rooms { get; init; }
}
