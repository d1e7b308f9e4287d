// category: manifest-declares-train
// boundary: none
// Verdict: leaky. This job writes the manifest the churn model is trained and evaluated with (the training job splits
// subscribers.csv later). The fitter receives every row of the file, unsplit, yet ToManifest declares
// Split = DataSplit.Train. The label is false: the statistics include the subscribers the model will be evaluated on,
// and the manifest hides it from NG0005. Split before fitting, or declare DataSplit.All.
using System;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

Subscriber[] subscribers = File.ReadLines("subscribers.csv").Skip(1).Select(Subscriber.Parse).ToArray();

FeatureSetFitter<Subscriber> fitter = Subscriber.CreateFitter();
fitter.Add(subscribers);
Manifest manifest = fitter.{|NG0006:ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = subscribers.Length, Source = "subscribers.csv" }, version: 5)|};
manifest.Save("subscribers.normguard.json");
Console.WriteLine($"wrote subscribers.normguard.json from {subscribers.Length} rows");

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
