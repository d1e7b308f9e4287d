// category: helper-fits-eval-data
// boundary: method
// Verdict: leaky. A time-ordered split of hourly grid load: everything before the cutoff trains the forecaster,
// everything after it evaluates it. BuildScaler fits the NormGuard fitter on the rows it is given, and it is given
// the later part ("closest to production"), which is exactly the evaluation period: the scaling parameters are
// learned from the future the model is scored on. Fit on the history part.
using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        List<GridLoad> hours = LoadHours("grid-load-2023-2024.csv");
        var cutoff = new DateTime(2024, 7, 1);
        List<GridLoad> history = hours.Where(h => h.Hour < cutoff).ToList();
        List<GridLoad> recent = hours.Where(h => h.Hour >= cutoff).ToList();

        FeatureSetFitter<GridLoad> scaler = {|NG0006:BuildScaler(recent)|};
        Report(history, recent, scaler);
    }

    private static FeatureSetFitter<GridLoad> BuildScaler(IReadOnlyList<GridLoad> rows)
    {
        FeatureSetFitter<GridLoad> fitter = GridLoad.CreateFitter();
        for (int i = 0; i < rows.Count; i++)
        {
            fitter.Add(rows[i]);
        }

        return fitter;
    }

    private static void Report(List<GridLoad> fit, List<GridLoad> evaluate, FeatureSetFitter<GridLoad> scaler) =>
        Console.WriteLine($"train {fit.Count} h, evaluate {evaluate.Count} h, scaler from {scaler.Rows} h");

    private static List<GridLoad> LoadHours(string path) => new List<GridLoad>();
}

[FeatureSet("grid-load")]
public partial record struct GridLoad
{
    [ZScore] public double Megawatts { get; init; }
    [ZScore] public double TemperatureC { get; init; }
    [Ignore] public DateTime Hour { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<GridLoad> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<GridLoad>
    {
        public Fitter()
            : base("grid-load", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("Megawatts", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("TemperatureC", new[] { FitStep.ZScore() }),
            })
        {
        }

        protected override void AddRow(in GridLoad row)
        {
            AddValue(0, row.Megawatts);
            AddValue(1, row.TemperatureC);
        }
    }
}
