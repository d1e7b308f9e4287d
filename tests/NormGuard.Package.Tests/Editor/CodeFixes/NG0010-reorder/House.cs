using NormGuard;

namespace Shop;

[FeatureSet("houses", Version = 1)]
public partial record struct House
{
    /// <summary>Bedrooms and living rooms.</summary>
    [MinMax(0, 1)] public double Rooms { get; init; }

    [ZScore] public double Area { get; init; }

    public double AreaPerRoom => Area / Rooms;
}
