using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using Parquet;
using Parquet.Schema;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// <c>normguard fit</c> on committed data against the parameters scikit-learn fitted (and Spark's rules) on the same
/// rows: CSV, Parquet, and a directory of parts.
/// </summary>
public sealed class FitAccuracyTests(ITestOutputHelper log)
{
    private static string Golden(string name) => ToolRunner.Repo("tests", "NormGuard.Tests", "Golden", name);

    private static string Data(params string[] parts) => ToolRunner.Repo(new[] { "tests", "NormGuard.Tool.Tests", "Data" }.Concat(parts).ToArray());

    [Fact]
    public void Fit_on_CSV_equals_scikit_learn_to_1e_12()
    {
        using TempDirectory temp = ToolRunner.Temp();
        Manifest fitted = Fit(temp, Golden("golden_sklearn_f64.train.csv"), Golden("golden_sklearn_f64.normguard.json"));
        AssertParameters(Manifest.Load(Golden("golden_sklearn_f64.normguard.json")), fitted);
    }

    [Fact]
    public void Fit_on_Parquet_equals_scikit_learn_to_1e_12()
    {
        string parquet = Data("golden_sklearn_f64.train.parquet");
        AssertParquetHoldsTheCsv(parquet, Golden("golden_sklearn_f64.train.csv"));
        using TempDirectory temp = ToolRunner.Temp();
        Manifest fitted = Fit(temp, parquet, Golden("golden_sklearn_f64.normguard.json"));
        AssertParameters(Manifest.Load(Golden("golden_sklearn_f64.normguard.json")), fitted);
    }

    [Fact]
    public void Fit_with_profile_spark_uses_the_sample_std_and_Spark_quantiles()
    {
        using TempDirectory temp = ToolRunner.Temp();
        Manifest fitted = Fit(temp, Golden("golden_sklearn_f64.train.csv"), Data("spark", "spark.template.json"));
        Assert.Equal(NormalizationProfile.Spark, fitted.Profile);
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(Data("spark", "spark_reference.json")));
        JsonElement root = reference.RootElement;
        foreach (FeatureManifest feature in fitted.Features)
        {
            (string Name, double Got)[] values = feature.Steps[0] switch
            {
                ZScoreStep z => [("mean", z.Mean), ("std", z.Std)],
                MinMaxStep m => [("min", m.Min), ("max", m.Max)],
                MaxAbsStep a => [("maxabs", a.MaxAbs)],
                RobustStep r => [("center", r.Center), ("scale", r.Scale)],
                var other => throw new Xunit.Sdk.XunitException(other.Op),
            };
            foreach ((string name, double got) in values)
            {
                double want = root.GetProperty(feature.Steps[0].Op).GetProperty(feature.Name).GetProperty(name).GetDouble();
                Assert.True(Relative(want, got) <= 1e-12, $"{feature.Name}.{name}: Spark rule {want:R}, normguard {got:R}");
            }
        }
    }

    private Manifest Fit(TempDirectory temp, string data, string template)
    {
        string output = temp.File("fit.normguard.json");
        ToolResult result = ToolRunner.Run("fit", "--data", data, "--template", template, "--out", output);
        log.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
        return Manifest.Load(output);
    }

    private void AssertParameters(Manifest expected, Manifest actual)
    {
        double worst = 0;
        for (int f = 0; f < expected.Features.Count; f++)
        {
            for (int s = 0; s < expected.Features[f].Steps.Count; s++)
            {
                (double Want, double Got)[] pairs = (expected.Features[f].Steps[s], actual.Features[f].Steps[s]) switch
                {
                    (ZScoreStep a, ZScoreStep b) => [(a.Mean, b.Mean), (a.Std, b.Std)],
                    (MinMaxStep a, MinMaxStep b) => [(a.Min, b.Min), (a.Max, b.Max), (a.Low, b.Low), (a.High, b.High)],
                    (MaxAbsStep a, MaxAbsStep b) => [(a.MaxAbs, b.MaxAbs)],
                    (RobustStep a, RobustStep b) => [(a.Center, b.Center), (a.Scale, b.Scale)],
                    (ClipStep a, ClipStep b) => [(a.Min, b.Min), (a.Max, b.Max)],
                    (OneHotStep a, OneHotStep b) when a.Categories.SequenceEqual(b.Categories) && a.Unknown == b.Unknown => [],
                    (NormalizationStep a, NormalizationStep b) when a.Op == b.Op && a is Log1pStep or LogStep or PassthroughStep => [],
                    var other => throw new Xunit.Sdk.XunitException($"{expected.Features[f].Name}: {other.Item1} vs {other.Item2}"),
                };
                foreach ((double want, double got) in pairs)
                {
                    worst = Math.Max(worst, Relative(want, got));
                    Assert.True(Relative(want, got) <= 1e-12, $"{expected.Features[f].Name}.{expected.Features[f].Steps[s].Op}: scikit-learn {want:R}, normguard {got:R}");
                }
            }
        }

        log.WriteLine($"largest relative difference from scikit-learn: {worst:E2}");
    }

    private static double Relative(double want, double got) => want == got ? 0 : Math.Abs(want - got) / Math.Abs(want);

    /// <summary>
    /// The committed Parquet file holds exactly the committed CSV (written from it by this test with
    /// NORMGUARD_UPDATE_GOLDEN=1: Parquet.Net 6.1.0, one row group, double and string columns).
    /// </summary>
    private static void AssertParquetHoldsTheCsv(string parquet, string csv)
    {
        string[] lines = File.ReadAllLines(csv);
        string[] header = lines[0].Split(',');
        string[][] cells = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        bool[] text = header.Select(h => h is "Cat").ToArray();
        if (Environment.GetEnvironmentVariable("NORMGUARD_UPDATE_GOLDEN") == "1")
        {
            WriteParquet(parquet, header, cells, text);
        }

        using FileStream stream = File.OpenRead(parquet);
        ParquetReader reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        DataField[] fields = reader.Schema.GetDataFields();
        Assert.Equal(header, fields.Select(f => f.Name));
        using ParquetRowGroupReader group = reader.OpenRowGroupReader(0);
        Assert.Equal(cells.Length, group.RowCount);
        for (int c = 0; c < header.Length; c++)
        {
            if (text[c])
            {
                var values = new string?[cells.Length];
                group.ReadAsync(fields[c], values.AsMemory(), null, default).AsTask().GetAwaiter().GetResult();
                Assert.Equal(cells.Select(r => r[c]), values);
            }
            else
            {
                var values = new double[cells.Length];
                group.ReadAsync<double>(fields[c], values.AsMemory(), null, default).AsTask().GetAwaiter().GetResult();
                Assert.Equal(cells.Select(r => double.Parse(r[c], CultureInfo.InvariantCulture)), values);
            }
        }

        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static void WriteParquet(string path, string[] header, string[][] cells, bool[] text)
    {
        var fields = header.Select((h, c) => text[c] ? (DataField)new DataField<string>(h) : new DataField<double>(h)).ToArray();
        using FileStream stream = File.Create(path);
        ParquetWriter writer = ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).GetAwaiter().GetResult();
        using (ParquetRowGroupWriter group = writer.CreateRowGroup())
        {
            WriteColumns(group, fields, header, cells, text);
        }

        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static void WriteColumns(ParquetRowGroupWriter group, DataField[] fields, string[] header, string[][] cells, bool[] text)
    {
        for (int c = 0; c < header.Length; c++)
        {
            if (text[c])
            {
                group.WriteAsync(fields[c], cells.Select(r => r[c]).ToArray(), null).GetAwaiter().GetResult();
            }
            else
            {
                group.WriteAsync<double>(fields[c], cells.Select(r => double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray().AsMemory(), null, null, default).GetAwaiter().GetResult();
            }
        }
    }
}
