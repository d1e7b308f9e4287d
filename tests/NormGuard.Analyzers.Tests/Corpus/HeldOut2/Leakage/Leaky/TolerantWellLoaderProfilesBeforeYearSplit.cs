// category: fitter-loader
// boundary: class
// Verdict: leaky. WellLogArchive.ReadProfiled parses the well-log export line by line inside try/catch (bad lines are
// counted and skipped) and adds every parsed row to the fitter it is given before returning the rows. The porosity job
// passes its fitter with the 2019–2023 export and only afterwards splits by year: 2023 is the evaluation year, yet its
// logs are in the fitted statistics. Read without the fitter, split, then add the earlier years.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

FeatureSetFitter<WellLog> fitter = WellLog.CreateFitter();
List<WellLog> logs = WellLogArchive.{|NG0006:ReadProfiled("well-logs-2019-2023.csv", fitter)|};

List<WellLog> earlierYears = logs.Where(l => l.Year < 2023).ToList();
List<WellLog> year2023 = logs.Where(l => l.Year >= 2023).ToList();

Manifest scaling = fitter.ToManifest(new FitProvenance { Split = DataSplit.All, Rows = logs.Count, Source = "well-logs-2019-2023.csv" }, version: 2);
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
