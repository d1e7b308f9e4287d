// category: cross-assembly
// boundary: assembly
// Verdict: clean. The same [SplitsData] library split, called first; only the rows before the cutoff are added to the
// fitter.
using System;
using System.Collections.Generic;
using Contoso.Data;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        Turbine[] rows = TurbineLog.Load("wind-turbine-scada.csv");
        var (before, after) = TimeSplits.ByCutoff(rows, r => r.Timestamp, new DateTime(2024, 1, 1));

        FeatureSetFitter<Turbine> fitter = Turbine.CreateFitter();
        foreach (Turbine row in before)
        {
            fitter.Add(row);
        }
        Console.WriteLine($"fitted {fitter.Rows}; train {before.Count}, evaluate {after.Count}");
    }
}

internal static class TurbineLog
{
    public static Turbine[] Load(string path) => Array.Empty<Turbine>();
}

[FeatureSet("turbines")]
public partial record struct Turbine
{
    [ZScore] public double WindSpeed { get; init; }
    [MinMax] public double RotorRpm { get; init; }
    [Ignore] public DateTime Timestamp { get; init; }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<Turbine> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<Turbine>
    {
        public Fitter()
            : base("turbines", NormalizationProfile.NormGuard, ManifestDType.Float32, new[]
            {
                FitterFeature.Numeric("WindSpeed", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("RotorRpm", new[] { FitStep.MinMax(0, 1, clip: false) }),
            })
        {
        }

        protected override void AddRow(in Turbine row)
        {
            AddValue(0, row.WindSpeed);
            AddValue(1, row.RotorRpm);
        }
    }
}
