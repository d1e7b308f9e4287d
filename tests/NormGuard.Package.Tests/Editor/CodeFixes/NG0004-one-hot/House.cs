using NormGuard;

namespace Shop;

[FeatureSet("houses", Version = 1)]
public partial record struct House
{
    [ZScore] public double Area { get; init; }
    [ZScore] public HouseKind Kind { get; init; }
}

public enum HouseKind { Flat, Villa }
