// The split lives in a local function that is called before anything is fitted; the fits run in lambdas over
// the training part only.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<Digit> digits = Mnist.Load();
        List<Digit> train = TrainPart(digits);

        var fitter = Digit.CreateFitter();
        train.ForEach(d => fitter.Add(d));

        var byLabel = train.GroupBy(d => d.Label).ToDictionary(g => g.Key, g =>
        {
            var perClass = Digit.CreateFitter();
            perClass.Add(g.ToArray());
            return perClass;
        });
        Console.WriteLine($"{fitter.Rows} rows, {byLabel.Count} classes");

        List<Digit> TrainPart(List<Digit> all)
        {
            var (trainRows, testRows) = Mnist.Split(all, 0.1);
            Mnist.Keep(testRows);
            return trainRows;
        }
    }
}

internal static class Mnist
{
    public static List<Digit> Load() => new List<Digit>();

    public static void Keep(List<Digit> rows)
    {
    }

    public static (List<Digit> Train, List<Digit> Test) Split(List<Digit> rows, double testFraction)
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
    [Ignore] public int Label { get; init; }

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
