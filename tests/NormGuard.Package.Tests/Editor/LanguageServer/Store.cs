using NormGuard;

namespace Shop;

// A bool scaled: NG0004 on [MinMax].
[FeatureSet("stores", Version = 1)]
public partial record struct Store
{
    [ZScore] public double Area { get; init; }
    [MinMax(0, 1)] public bool Garden { get; init; }
}
