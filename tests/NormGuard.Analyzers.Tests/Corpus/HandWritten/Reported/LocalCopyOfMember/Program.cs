// category: local-copy
// Verdict: reported. The members are first copied into locals (depth, table) and the locals are then scaled with the
// manifest's mean and std into the model input. A local copy of the member does not make it a different quantity:
// both expressions are the bound z-score by hand.
using System;
using NormGuard;

namespace Jewellery.Grading;

[FeatureSet("diamond-proportions")]
public partial record struct Proportions
{
    [ZScore] public double Depth { get; init; }
    [ZScore] public double Table { get; init; }
}

public static class GradingModel
{
    public static double Grade(Proportions d)
    {
        double depth = d.Depth;
        double table = d.Table;
        double zDepth = {|NG0012:(depth - 61.749) / 1.4326|};
        double zTable = {|NG0012:(table - 57.457) / 2.2345|};
        return 3.2 - (0.4 * Math.Abs(zDepth)) - (0.3 * Math.Abs(zTable));
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(GradingModel.Grade(new Proportions { Depth = 60.1, Table = 59 }));
}
