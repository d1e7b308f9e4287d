using NormGuard;

namespace Shop;

// The manifest lists Area before Rooms: NG0010 on the record's name.
[FeatureSet("houses", Version = 1)]
public partial record struct House
{
    [MinMax(0, 1)] public double Rooms { get; init; }
    [ZScore] public double Area { get; init; }
}
