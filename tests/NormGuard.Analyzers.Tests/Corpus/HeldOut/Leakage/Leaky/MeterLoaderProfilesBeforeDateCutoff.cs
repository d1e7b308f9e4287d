// category: fitter-loader
// boundary: method
// Verdict: leaky. LoadAndProfile reads the meter file inside a using scope and, while it parses, adds every reading to the
// NormGuard fitter it was passed. Main then splits the readings by date (before 1 October = history, after = the
// back-test period) and back-tests the forecast on the recent readings with a manifest whose statistics include them.
// Load the rows, cut by date, and profile only the history.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

public static class Program
{
    public static void Main()
    {
        FeatureSetFitter<MeterReading> profile = MeterReading.CreateFitter();
        List<MeterReading> readings = {|NG0006:LoadAndProfile("meters-2023.csv", profile)|};

        var cutoff = new DateTime(2023, 10, 1);
        List<MeterReading> history = readings.Where(r => r.ReadAt < cutoff).ToList();
        List<MeterReading> recent = readings.Where(r => r.ReadAt >= cutoff).ToList();

        Manifest scaling = profile.ToManifest(new FitProvenance { Split = DataSplit.All, Rows = readings.Count, Source = "meters-2023.csv" }, version: 2);
        Console.WriteLine($"back-test MAPE {Backtest.Run(scaling, history, recent):P1}");
    }

    private static List<MeterReading> LoadAndProfile(string path, FeatureSetFitter<MeterReading> profile)
    {
        var rows = new List<MeterReading>();
        using (var reader = new StreamReader(path))
        {
            reader.ReadLine();
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                MeterReading reading = MeterReading.Parse(line);
                profile.Add(reading);
                rows.Add(reading);
            }
        }

        return rows;
    }
}

public static class Backtest
{
    public static double Run(Manifest scaling, IReadOnlyList<MeterReading> history, IReadOnlyList<MeterReading> recent)
    {
        var kwh = (ZScoreStep)scaling.Features[0].Steps[0];
        double level = history.Select(r => (r.KwhPerDay - kwh.Mean) / kwh.Std).DefaultIfEmpty(0).Average();
        return recent.Select(r => Math.Abs(((level * kwh.Std) + kwh.Mean - r.KwhPerDay) / r.KwhPerDay)).DefaultIfEmpty(0).Average();
    }
}

[FeatureSet("meters")]
public partial record struct MeterReading
{
    [ZScore] public double KwhPerDay { get; init; }
    [Robust] public double PeakKw { get; init; }
    [Ignore] public DateTime ReadAt { get; init; }

    public static MeterReading Parse(string line)
    {
        string[] f = line.Split(',');
        return new MeterReading
        {
            ReadAt = DateTime.Parse(f[0], CultureInfo.InvariantCulture),
            KwhPerDay = double.Parse(f[1], CultureInfo.InvariantCulture),
            PeakKw = double.Parse(f[2], CultureInfo.InvariantCulture),
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<MeterReading> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<MeterReading>
    {
        public Fitter()
            : base("meters", NormalizationProfile.NormGuard, ManifestDType.Float64, new[]
            {
                FitterFeature.Numeric("KwhPerDay", new[] { FitStep.ZScore() }),
                FitterFeature.Numeric("PeakKw", new[] { FitStep.Robust(25, 75) }),
            })
        {
        }

        protected override void AddRow(in MeterReading row)
        {
            AddValue(0, row.KwhPerDay);
            AddValue(1, row.PeakKw);
        }
    }
}
