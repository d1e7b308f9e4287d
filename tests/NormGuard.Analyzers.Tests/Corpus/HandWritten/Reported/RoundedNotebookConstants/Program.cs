// category: rounded-constants
// Verdict: reported. The parameters were read off a notebook printout and rounded: depth mean 61.75 and std 1.433 for
// the manifest's 61.749 and 1.4326, and the table's min 43 with its range 52 (= 95 − 43). Rounded copies of the bound
// statistics are still hand-written normalization (and now also slightly wrong). Both go into the model input.
using System;
using NormGuard;

namespace Jewellery.Pricing;

[FeatureSet("diamond-cut")]
public partial record struct Cut
{
    [ZScore] public double Depth { get; init; }
    [MinMax] public double Table { get; init; }
}

public static class CutModel
{
    public static double[] Input(Cut d) => new[]
    {
        {|NG0012:(d.Depth - 61.75) / 1.433|},
        {|NG0012:(d.Table - 43) / 52|},
    };
}

public static class Program
{
    public static void Main() => Console.WriteLine(string.Join(", ", CutModel.Input(new Cut { Depth = 62.1, Table = 58 })));
}
