using NormGuard;

namespace Shop;

public static class Models
{
    [FeatureSet("houses", Version = 1)]
    public record struct House
    {
        [ZScore] public double Area { get; init; }
        [MinMax(0, 1)] public double Rooms { get; init; }
    }
}
