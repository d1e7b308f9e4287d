using NormGuard;

namespace Shop;

// branches.normguard.json is not valid JSON: NG0002 at the fault, in the manifest.
[FeatureSet("branches", Version = 1)]
public partial record struct Branch
{
    [ZScore] public double Area { get; init; }
}
