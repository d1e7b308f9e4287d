using System;
using NormGuard;

namespace Shop;

[FeatureSet("houses", Version = 1)]
public partial record struct House
{
    [ZScore] public double Area { get; init; }

    // When the listing went online.
    public DateTime ListedAt { get; init; }
}
