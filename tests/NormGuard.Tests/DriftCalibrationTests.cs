using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using nietras.SeparatedValues;
using NormGuard.Fitting;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// The default thresholds on real data (docs/drift.md quotes the printed rates). Same-distribution samples of 1,000
/// rows must not alarm; a 0.5-std mean shift or a doubled spread in one numeric feature must alarm, in that feature
/// only. Diamonds: the sample's manifest, fitted on the training split, against samples of the held-out rows.
/// Air quality (153 rows): a manifest fitted on all rows, against bootstrap samples of them.
/// </summary>
public sealed class DriftCalibrationTests(ITestOutputHelper output)
{
    private const int SampleRows = 1000;

    private static readonly string[] DiamondNumeric = ["carat", "depth", "table", "x", "y", "z"];

    [Fact]
    public void Diamonds_held_out_samples_do_not_alarm_and_shifted_features_do()
    {
        DiamondRow[] all = ReadDiamonds();
        string[] split = File.ReadAllLines(DataPath("split.csv")).Skip(1).ToArray();
        double[][] heldOut = all.Where((_, i) => split[i] == "test").Select(Inputs).ToArray();
        Assert.Equal(10_788, heldOut.Length);

        Manifest manifest = DiamondRow.FeatureSet.Manifest;
        var random = new Random(20261126);
        Calibration result = Calibrate(manifest, DiamondNumeric, count => Sample(heldOut, count, random, withReplacement: false), samples: 200, shiftedSamples: 100);
        output.WriteLine("diamonds: " + result);
        result.AssertTargets();
    }

    [Fact]
    public void Air_quality_bootstrap_samples_do_not_alarm_and_shifted_features_do()
    {
        double[][] rows = ReadAirQuality(out Manifest manifest);
        var random = new Random(1973);
        Calibration result = Calibrate(manifest, ["Ozone", "Solar.R", "Wind", "Temp"], count => Sample(rows, count, random, withReplacement: true), samples: 200, shiftedSamples: 100);
        output.WriteLine("air quality: " + result);
        result.AssertTargets();
    }

    private static Calibration Calibrate(Manifest manifest, string[] numeric, Func<int, double[][]> sample, int samples, int shiftedSamples)
    {
        var result = new Calibration { Samples = samples, ShiftedSamples = shiftedSamples };
        for (int s = 0; s < samples; s++)
        {
            DriftReport report = Monitor(manifest, sample(SampleRows));
            if (report.AnyDrifted)
            {
                result.FalseAlarms++;
                result.FalseAlarmFeatures.AddRange(report.Drifted.Select(f => f.Name + " (" + string.Join("; ", f.Reasons) + ")"));
            }

            result.MaxStablePsi = Math.Max(result.MaxStablePsi, report.Features.Max(f => double.IsNaN(f.Psi) ? 0 : f.Psi));
            result.MaxStableKsRatio = Math.Max(result.MaxStableKsRatio, report.Features.Max(f => f.Ks is double ks ? ks / f.KsCritical!.Value : 0));
            result.MaxStableMeanShift = Math.Max(result.MaxStableMeanShift, report.Features.Max(f => Math.Abs(f.MeanShift ?? 0)));
        }

        foreach (string feature in numeric)
        {
            int index = manifest.Features.ToList().FindIndex(f => f.Name == feature);
            FeatureStats stats = manifest.Features[index].Stats!;
            double mean = stats.Mean!.Value, std = stats.Std!.Value;
            foreach ((string kind, Func<double, double> change) in new (string, Func<double, double>)[]
            {
                ("mean +0.5 std", v => v + (0.5 * std)),
                ("spread ×2", v => mean + (2 * (v - mean))),
            })
            {
                for (int s = 0; s < shiftedSamples; s++)
                {
                    double[][] rows = sample(SampleRows).Select(r => (double[])r.Clone()).ToArray();
                    foreach (double[] row in rows)
                    {
                        row[index] = change(row[index]);
                    }

                    DriftReport report = Monitor(manifest, rows);
                    bool detected = report[feature].Drifted;
                    string[] others = report.Drifted.Where(f => f.Name != feature).Select(f => f.Name + " (" + string.Join("; ", f.Reasons) + ")").ToArray();
                    result.Record(kind, feature, detected, others);
                }
            }
        }

        return result;
    }

    private static DriftReport Monitor(Manifest manifest, double[][] rows)
    {
        using var monitor = new DriftMonitor(manifest);
        foreach (double[] row in rows)
        {
            monitor.Add(row);
        }

        return monitor.Snapshot();
    }

    private static double[][] Sample(double[][] rows, int count, Random random, bool withReplacement)
    {
        if (withReplacement)
        {
            return Enumerable.Range(0, count).Select(_ => rows[random.Next(rows.Length)]).ToArray();
        }

        int[] order = Enumerable.Range(0, rows.Length).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, order.Length);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order.Take(count).Select(i => rows[i]).ToArray();
    }

    private static double[] Inputs(DiamondRow row)
    {
        double[] inputs = new double[DiamondRow.InputCount];
        row.ReadInputs(inputs);
        return inputs;
    }

    internal static DiamondRow[] ReadDiamonds()
    {
        using SepReader reader = Sep.Reader(o => o with { Unescape = true }).FromFile(DataPath("diamonds.csv"));
        var rows = new List<DiamondRow>();
        foreach (SepReader.Row row in reader)
        {
            rows.Add(new DiamondRow
            {
                Carat = row["carat"].Parse<double>(),
                Cut = row["cut"].ToString(),
                Color = row["color"].ToString(),
                Clarity = row["clarity"].ToString(),
                Depth = row["depth"].Parse<double>(),
                Table = row["table"].Parse<double>(),
                X = row["x"].Parse<double>(),
                Y = row["y"].Parse<double>(),
                Z = row["z"].Parse<double>(),
            });
        }

        return rows.ToArray();
    }

    /// <summary>Ozone, Solar.R, Wind, Temp (NA = missing), and a z-score manifest fitted on all 153 days.</summary>
    private static double[][] ReadAirQuality(out Manifest manifest)
    {
        string[] columns = ["Ozone", "Solar.R", "Wind", "Temp"];
        var fitter = new ManifestFitter("airquality", NormalizationProfile.ScikitLearn, ManifestDType.Float64, columns.Select(c => FitterFeature.Numeric(c, [FitStep.ZScore()], nullable: true)).ToArray());
        var rows = new List<double[]>();
        using SepReader reader = Sep.Reader(o => o with { Unescape = true }).FromFile(DataPath("airquality.csv"));
        foreach (SepReader.Row row in reader)
        {
            double[] values = new double[columns.Length];
            for (int c = 0; c < columns.Length; c++)
            {
                string cell = row[columns[c]].ToString();
                values[c] = cell == "NA" ? double.NaN : double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);
            }

            for (int f = 0; f < values.Length; f++)
            {
                if (double.IsNaN(values[f]))
                {
                    fitter.Missing(f);
                }
                else
                {
                    fitter.Value(f, values[f]);
                }
            }

            fitter.EndRow();
            rows.Add(values);
        }

        manifest = fitter.ToManifest(new FitProvenance { Split = DataSplit.All, Source = "airquality.csv" }, version: 1);
        return rows.ToArray();
    }

    private static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    private sealed class Calibration
    {
        private readonly Dictionary<string, (int Detected, int Total, int OthersFlagged)> _byKind = new();

        public int Samples { get; init; }

        public int ShiftedSamples { get; init; }

        public int FalseAlarms { get; set; }

        public List<string> FalseAlarmFeatures { get; } = new();

        public double MaxStablePsi { get; set; }

        public double MaxStableKsRatio { get; set; }

        public double MaxStableMeanShift { get; set; }

        public List<string> Misses { get; } = new();

        public void Record(string kind, string feature, bool detected, string[] others)
        {
            (int detectedCount, int total, int flagged) = _byKind.GetValueOrDefault(kind);
            _byKind[kind] = (detectedCount + (detected ? 1 : 0), total + 1, flagged + (others.Length > 0 ? 1 : 0));
            if (!detected || others.Length > 0)
            {
                Misses.Add($"{kind} in {feature}: detected {detected}, also flagged [{string.Join(", ", others)}]");
            }
        }

        public void AssertTargets()
        {
            Assert.True(FalseAlarms == 0, "false alarms: " + string.Join(" | ", FalseAlarmFeatures.Take(10)));
            Assert.True(Misses.Count == 0, "misses: " + string.Join(" | ", Misses.Take(10)));
        }

        public override string ToString() =>
            $"{FalseAlarms} false alarms in {Samples} same-distribution samples of {SampleRows} rows (largest PSI {MaxStablePsi:F3}, KS {MaxStableKsRatio:P0} of its critical value, |mean shift| {MaxStableMeanShift:F3} std); " +
            string.Join("; ", _byKind.Select(k => $"{k.Key}: detected {k.Value.Detected}/{k.Value.Total}, another feature flagged in {k.Value.OthersFlagged}"));
    }
}
