// category: manifest-declares-train
// boundary: none
// Verdict: clean. The same job, but it makes the split itself (a stable hash of the row number, 80/20, the same rule
// the training job uses) and fits only the training rows, so Split = DataSplit.Train is true.
using System;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

Subscriber[] subscribers = File.ReadLines("subscribers.csv").Skip(1).Select(Subscriber.Parse).ToArray();

Subscriber[] trainingRows = subscribers.Where((_, i) => (i * 2654435761u) % 100 < 80).ToArray();
Subscriber[] evaluationRows = subscribers.Where((_, i) => (i * 2654435761u) % 100 >= 80).ToArray();

FeatureSetFitter<Subscriber> fitter = Subscriber.CreateFitter();
fitter.Add(trainingRows);
Manifest manifest = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = trainingRows.Length, Source = "subscribers.csv" }, version: 5);
manifest.Save("subscribers.normguard.json");
Console.WriteLine($"wrote subscribers.normguard.json from {trainingRows.Length} rows; {evaluationRows.Length} held out");

[FeatureSet("subscribers")]
public partial record struct Subscriber
{
    [ZScore] public double MonthlyMinutes { get; init; }
    [Robust] public double DataGb { get; init; }
    [MinMax] public double TenureMonths { get; init; }

    public static Subscriber Parse(string line)
    {
        string[] f = line.Split(',');
        return new Subscriber { MonthlyMinutes = double.Parse(f[0]), DataGb = double.Parse(f[1]), TenureMonths = double.Parse(f[2]) };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Subscriber> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Subscriber>
    {
        public Fitter()
            : base("subscribers", NormalizationProfile.ScikitLearn, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("MonthlyMinutes", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("DataGb", new[] { FitStep.Robust(25, 75) }),
                FitterFeature.Numeric("TenureMonths", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Subscriber row)
        {
            AddValue(0, row.MonthlyMinutes);
            AddValue(1, row.DataGb);
            AddValue(2, row.TenureMonths);
        }
    }
}
