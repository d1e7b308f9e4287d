// Split first (good), fit on the training part (good), then split the training part again for early stopping:
// the early-stopping validation rows are inside the fitted statistics.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

var pixels = Mnist.Load();
var (train, test) = Mnist.TrainTestSplit(pixels, 0.1);

var fitter = Digit.CreateFitter();
fitter.{|NG0006:Add(train.ToArray())|};

var (fit, earlyStopping) = Mnist.TrainTestSplit(train, 0.1);
Console.WriteLine($"{fit.Count} fit, {earlyStopping.Count} early stopping, {test.Count} test");

internal static class Mnist
{
    public static List<Digit> Load() => new List<Digit>();

    public static (List<Digit> Train, List<Digit> Test) TrainTestSplit(List<Digit> rows, double testFraction)
    {
        int cut = (int)(rows.Count * (1 - testFraction));
        return (rows.Take(cut).ToList(), rows.Skip(cut).ToList());
    }
}

[FeatureSet("digits")]
public partial record struct Digit
{
    [MinMax] public float Ink { get; init; }
    [MinMax] public float Width { get; init; }

    public static FeatureSetFitter<Digit> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Digit>
    {
        public Fitter()
            : base("digits", NormalizationProfile.ScikitLearn, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("Ink", new[] { FitStep.MinMax(0, 1, clip: true) }),
                FitterFeature.Numeric("Width", new[] { FitStep.MinMax(0, 1, clip: true) }),
            })
        {
        }

        protected override void AddRow(in Digit row)
        {
            AddValue(0, row.Ink);
            AddValue(1, row.Width);
        }
    }
}
