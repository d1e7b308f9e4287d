// category: local-copy
// Verdict: reported. The appraisal service copies the manifest's parameters into locals (carat mean 0.7979, std 0.474;
// clarity grade min 1, max 8) at the top of the method and then scales the gem's members with them into the model
// input. Locals instead of literals, the same hand-copied normalization.
using System;
using NormGuard;

namespace Appraisal;

[FeatureSet("gems")]
public partial record struct Gem
{
    [ZScore] public float Carat { get; init; }
    [MinMax] public float Clarity { get; init; }
}

public static class Appraiser
{
    public static float[] ModelInput(in Gem g)
    {
        double caratMean = 0.7979, caratStd = 0.474;
        double clarityMin = 1, clarityMax = 8;

        var input = new float[2];
        input[0] = (float)({|NG0012:(g.Carat - caratMean) / caratStd|});
        input[1] = (float)({|NG0012:(g.Clarity - clarityMin) / (clarityMax - clarityMin)|});
        return input;
    }
}

public static class Program
{
    public static void Main() => Console.WriteLine(string.Join(", ", Appraiser.ModelInput(new Gem { Carat = 1.2f, Clarity = 5 })));
}
