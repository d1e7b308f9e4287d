// category: fitter-loader
// boundary: method
// Verdict: clean. The loader only reads (still inside its using scope); Main cuts the readings at 1 October and a second
// helper, ProfileInto, adds only the history to the fitter. The back-test period never reaches the statistics.
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
        List<MeterReading> readings = Load("meters-2023.csv");

        var cutoff = new DateTime(2023, 10, 1);
        List<MeterReading> history = readings.Where(r => r.ReadAt < cutoff).ToList();
        List<MeterReading> recent = readings.Where(r => r.ReadAt >= cutoff).ToList();

        FeatureSetFitter<MeterReading> profile = MeterReading.CreateFitter();
        ProfileInto(profile, history);
        Manifest scaling = profile.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = history.Count, Source = "meters-2023.csv" }, version: 2);
        Console.WriteLine($"back-test MAPE {Backtest.Run(scaling, history, recent):P1}");
    }

    private static List<MeterReading> Load(string path)
    {
        var rows = new List<MeterReading>();
        using (var reader = new StreamReader(path))
        {
            reader.ReadLine();
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                rows.Add(MeterReading.Parse(line));
            }
        }

        return rows;
    }

    private static void ProfileInto(FeatureSetFitter<MeterReading> profile, IEnumerable<MeterReading> readings)
    {
        foreach (MeterReading reading in readings)
        {
            profile.Add(reading);
        }
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
