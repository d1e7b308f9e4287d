// category: fitter-loader
// boundary: class
// Verdict: clean. The same try/catch loader WellLogArchive.ReadProfiled, but the export arrives as two files: the fitter
// is passed only with the 2019–2022 logs, and the 2023 evaluation logs are read with no fitter (null). Separate files
// for the training and the evaluation period are a split upstream; the 2023 logs never reach the statistics.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

FeatureSetFitter<WellLog> fitter = WellLog.CreateFitter();
List<WellLog> earlierYears = WellLogArchive.ReadProfiled("well-logs-2019-2022.csv", fitter);
List<WellLog> year2023 = WellLogArchive.ReadProfiled("well-logs-2023.csv", null);

Manifest scaling = fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = earlierYears.Count, Source = "well-logs-2019-2022.csv" }, version: 2);
Console.WriteLine($"porosity MAE {PorosityModel.FitAndScore(scaling, earlierYears, year2023):0.0000}");

public static class WellLogArchive
{
    public static List<WellLog> ReadProfiled(string path, FeatureSetFitter<WellLog>? fitter)
    {
        var rows = new List<WellLog>();
        int skipped = 0;
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            try
            {
                WellLog log = WellLog.Parse(line);
                fitter?.Add(log);
                rows.Add(log);
            }
            catch (FormatException)
            {
                skipped++;
            }
        }

        Console.WriteLine($"{path}: {rows.Count} logs, {skipped} unreadable lines skipped");
        return rows;
    }
}

public static class PorosityModel
{
    public static double FitAndScore(Manifest scaling, IReadOnlyList<WellLog> fit, IReadOnlyList<WellLog> score)
    {
        var gamma = (ZScoreStep)scaling.Features[0].Steps[0];
        double slope = fit.Select(l => l.Porosity * (1 + Math.Abs((l.GammaRay - gamma.Mean) / gamma.Std))).DefaultIfEmpty(0).Average();
        return score.Select(l => Math.Abs((slope / (1 + Math.Abs((l.GammaRay - gamma.Mean) / gamma.Std))) - l.Porosity)).DefaultIfEmpty(0).Average();
    }
}

[FeatureSet("well-logs")]
public partial record struct WellLog
{
    [ZScore] public double GammaRay { get; init; }
    [Log1p, ZScore] public double Resistivity { get; init; }
    [MinMax] public double BulkDensity { get; init; }
    [Ignore] public int Year { get; init; }
    [Ignore] public double Porosity { get; init; }

    public static WellLog Parse(string line)
    {
        string[] f = line.Split(',');
        return new WellLog
        {
            Year = int.Parse(f[0], CultureInfo.InvariantCulture),
            GammaRay = double.Parse(f[1], CultureInfo.InvariantCulture),
            Resistivity = double.Parse(f[2], CultureInfo.InvariantCulture),
            BulkDensity = double.Parse(f[3], CultureInfo.InvariantCulture),
            Porosity = double.Parse(f[4], CultureInfo.InvariantCulture),
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<WellLog> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<WellLog>
    {
        public Fitter()
            : base("well-logs", NormalizationProfile.ScikitLearn, ManifestDType.Float64,
            [
                FitterFeature.Numeric("GammaRay", [FitStep.ZScore()]),
                FitterFeature.Numeric("Resistivity", [FitStep.Log1p(), FitStep.ZScore()]),
                FitterFeature.Numeric("BulkDensity", [FitStep.MinMax(0, 1, clip: false)]),
            ])
        {
        }

        protected override void AddRow(in WellLog row)
        {
            AddValue(0, row.GammaRay);
            AddValue(1, row.Resistivity);
            AddValue(2, row.BulkDensity);
        }
    }
}
