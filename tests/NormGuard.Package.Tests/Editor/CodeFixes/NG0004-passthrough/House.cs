using NormGuard;

namespace Shop;

[FeatureSet("houses", Version = 1)]
public partial record struct House
{
    [ZScore] public double Area { get; init; }

    /// <summary>Has a garden.</summary>
    [MinMax(0, 1)]
    public bool Garden { get; init; }
}
