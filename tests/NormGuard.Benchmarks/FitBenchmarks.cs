using System;
using System.Globalization;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NormGuard.Tool;

namespace NormGuard.Benchmarks;

/// <summary>
/// <c>normguard fit</c> throughput on a generated CSV (12 numeric features, one categorical, 1,000,000 rows,
/// 227 MB), end to end: reading, parsing, fitting and writing the manifest. The MB/s column is the file size
/// over the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class FitBenchmarks
{
    private const int Rows = 1_000_000;

    private string _directory = string.Empty;
    private string _csv = string.Empty;
    private string _template = string.Empty;

    [Params(1_000_000, 100_000)]
    public long ExactLimit { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "normguard-bench-fit");
        Directory.CreateDirectory(_directory);
        _csv = Path.Combine(_directory, "wide.csv");
        _template = Path.Combine(_directory, "wide.template.json");
        if (!File.Exists(_csv))
        {
            WriteCsv(_csv);
        }

        File.WriteAllText(_template, Template());
    }

    [Benchmark(Description = "normguard fit (CSV)")]
    public int Fit() => Cli.Run(
        ["fit", "--data", _csv, "--template", _template, "--holdout", "0.2", "--seed", "7", "--exact-limit", ExactLimit.ToString(CultureInfo.InvariantCulture), "--out", Path.Combine(_directory, "wide.normguard.json")],
        TextWriter.Null,
        TextWriter.Null);

    internal static void WriteCsv(string path)
    {
        var random = new Random(42);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("f0,f1,f2,f3,f4,f5,f6,f7,f8,f9,f10,f11,kind\n");
        string[] kinds = ["alpha", "beta", "gamma", "delta"];
        var line = new StringBuilder();
        for (int row = 0; row < Rows; row++)
        {
            line.Clear();
            for (int f = 0; f < 12; f++)
            {
                double value = f switch
                {
                    < 4 => random.NextDouble() * 100,
                    < 8 => Math.Exp(random.NextDouble() * 6),
                    _ => 1.7e9 + (random.NextDouble() * 1e6),
                };
                line.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            line.Append(kinds[random.Next(kinds.Length)]).Append('\n');
            writer.Write(line);
        }
    }

    internal static string Template() => """
        {
          "format": "normguard.manifest/1", "featureSet": "wide", "profile": "sklearn",
          "features": [
            { "name": "f0", "steps": [ { "op": "zscore" } ] }, { "name": "f1", "steps": [ { "op": "zscore" } ] },
            { "name": "f2", "steps": [ { "op": "minmax" } ] }, { "name": "f3", "steps": [ { "op": "maxabs" } ] },
            { "name": "f4", "steps": [ { "op": "log1p" }, { "op": "zscore" } ] }, { "name": "f5", "steps": [ { "op": "robust" } ] },
            { "name": "f6", "steps": [ { "op": "robust", "lower": 10, "upper": 90 } ] }, { "name": "f7", "steps": [ { "op": "log" }, { "op": "robust" } ] },
            { "name": "f8", "steps": [ { "op": "zscore" } ] }, { "name": "f9", "steps": [ { "op": "zscore" } ] },
            { "name": "f10", "steps": [ { "op": "minmax" } ] }, { "name": "f11", "steps": [ { "op": "passthrough" } ] },
            { "name": "kind", "steps": [ { "op": "onehot" } ] }
          ]
        }
        """;

    private sealed class ThroughputConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public ThroughputConfig() => AddColumn(new MegabytesPerSecond());
    }

    private sealed class MegabytesPerSecond : IColumn
    {
        public string Id => "MBps";

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "file size (MB, 10^6 bytes) divided by the mean time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            // The benchmark ran in a child process: read the size of the file it wrote.
            long bytes = new FileInfo(Path.Combine(Path.GetTempPath(), "normguard-bench-fit", "wide.csv")).Length;
            return statistics is null ? "-" : (bytes / 1e6 / (statistics.Mean / 1e9)).ToString("0.0", CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
