// category: parallel-profile
// boundary: class
// Verdict: leaky. ParallelProfiles.Profile fits the water-meter readings with PLINQ: AsParallel().Aggregate gives each
// partition its own fitter, adds the partition's readings and merges the partial fitters. The leak-detection job
// profiles every reading that way and only then splits by meter (meters whose id hashes below 80 train, the rest are
// held out). The held-out meters' readings are in the merged statistics. Split by meter first and profile the training
// meters.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard;
using NormGuard.Fitting;

MeterReading[] readings = File.ReadLines("water-meter-readings.csv").Skip(1).Select(MeterReading.Parse).ToArray();

FeatureSetFitter<MeterReading> profile = ParallelProfiles.{|NG0006:Profile(readings)|};

MeterReading[] trainMeters = readings.Where(r => MeterBucket(r.MeterId) < 80).ToArray();
MeterReading[] heldOutMeters = readings.Where(r => MeterBucket(r.MeterId) >= 80).ToArray();

Manifest scaling = profile.ToManifest(new FitProvenance { Split = DataSplit.All, Rows = profile.Rows, Source = "water-meter-readings.csv" }, version: 3);
Console.WriteLine($"leak-alarm precision {LeakAlarm.FitAndScore(scaling, trainMeters, heldOutMeters):P1}");

static int MeterBucket(long meterId) => (int)((ulong)meterId * 11400714819323198485UL >> 57) % 100;

public static class ParallelProfiles
{
    public static FeatureSetFitter<MeterReading> Profile(IEnumerable<MeterReading> readings) =>
        readings.AsParallel().Aggregate(
            () => MeterReading.CreateFitter(),
            (fitter, reading) =>
            {
                fitter.Add(reading);
                return fitter;
            },
            (total, partition) =>
            {
                total.Merge(partition);
                return total;
            },
            total => total);
}

public static class LeakAlarm
{
    public static double FitAndScore(Manifest scaling, IReadOnlyList<MeterReading> fit, IReadOnlyList<MeterReading> score)
    {
        var night = (ZScoreStep)scaling.Features[0].Steps[0];
        double threshold = fit.Where(r => r.Leaking).Select(r => (r.NightFlowLitres - night.Mean) / night.Std).DefaultIfEmpty(3).Min();
        var alarms = score.Where(r => (r.NightFlowLitres - night.Mean) / night.Std >= threshold).ToList();
        return alarms.Count == 0 ? 0 : alarms.Count(r => r.Leaking) / (double)alarms.Count;
    }
}

[FeatureSet("water-meters")]
public partial record struct MeterReading
{
    [ZScore] public double NightFlowLitres { get; init; }
    [Log1p, ZScore] public double DailyVolumeLitres { get; init; }
    [MaxAbs] public double PressureDropBar { get; init; }
    [Ignore] public long MeterId { get; init; }
    [Ignore] public bool Leaking { get; init; }

    public static MeterReading Parse(string line)
    {
        string[] f = line.Split(',');
        return new MeterReading
        {
            MeterId = long.Parse(f[0], CultureInfo.InvariantCulture),
            NightFlowLitres = double.Parse(f[1], CultureInfo.InvariantCulture),
            DailyVolumeLitres = double.Parse(f[2], CultureInfo.InvariantCulture),
            PressureDropBar = double.Parse(f[3], CultureInfo.InvariantCulture),
            Leaking = f[4] == "1",
        };
    }

    // Stands in for the member the NormGuard generator emits (the analyzer tests do not run the generator).
    public static FeatureSetFitter<MeterReading> CreateFitter() => new Fitter();

    private sealed class Fitter : FeatureSetFitter<MeterReading>
    {
        public Fitter()
            : base("water-meters", NormalizationProfile.NormGuard, ManifestDType.Float32,
            [
                FitterFeature.Numeric("NightFlowLitres", [FitStep.ZScore()]),
                FitterFeature.Numeric("DailyVolumeLitres", [FitStep.Log1p(), FitStep.ZScore()]),
                FitterFeature.Numeric("PressureDropBar", [FitStep.MaxAbs()]),
            ])
        {
        }

        protected override void AddRow(in MeterReading row)
        {
            AddValue(0, row.NightFlowLitres);
            AddValue(1, row.DailyVolumeLitres);
            AddValue(2, row.PressureDropBar);
        }
    }
}
