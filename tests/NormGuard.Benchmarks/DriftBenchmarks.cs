using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using NormGuard.Monitoring;

namespace NormGuard.Benchmarks;

/// <summary>
/// The cost of watching traffic: <c>DriftMonitor&lt;T&gt;.Add</c> for a 12-feature row (read its inputs, find each value's
/// baseline bin, count it, add to the moment sums), against the generated <c>Normalize</c> of the same row.
/// The budget is 20 ns per row. Two parts of the single-row path are timed alone in the same run: the generated
/// <c>ReadInputs</c>, and <c>ReadInputs</c> followed by the counter's double-compare path, which counted every row before
/// the float32 lanes of issue 15 (still used for rows a float32 cannot hold).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class DriftBenchmarks
{
    private const int Rows = 1024;
    private readonly MonitoredRow[] _rows = new MonitoredRow[Rows];
    private readonly float[] _output = new float[MonitoredRow.Width * Rows];
    private DriftMonitor<MonitoredRow>? _monitor;
    private RowCounter? _counter;
    private long[] _counters = [];
    private double[] _sums = [];
    private double[] _inputs = [];

    [GlobalSetup]
    public void Setup()
    {
        // Values drawn around the training distribution, so rows land in every bin as live traffic would.
        var random = new Random(11);
        for (int i = 0; i < Rows; i++)
        {
            float Draw(int feature) => (float)(10 + feature + ((2.5 + (feature / 10d)) * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())));
            _rows[i] = new MonitoredRow { F0 = Draw(0), F1 = Draw(1), F2 = Draw(2), F3 = Draw(3), F4 = Draw(4), F5 = Draw(5), F6 = Draw(6), F7 = Draw(7), F8 = Draw(8), F9 = Draw(9), F10 = Draw(10), F11 = Draw(11) };
        }

        _monitor = new DriftMonitor<MonitoredRow>();
        FeatureBaseline[] features = MonitoredRow.FeatureSet.Manifest.Features.Select(FeatureBaseline.Create).ToArray();
        int counters = 0;
        foreach (FeatureBaseline feature in features)
        {
            feature.CounterOffset = counters;
            counters += feature.Bins + 1;
        }

        _counter = new RowCounter(features, counters);
        _counters = new long[counters + 1];
        _sums = new double[_counter.SumSlots];
        _inputs = new double[_counter.InputPadded];
    }

    [GlobalCleanup]
    public void Cleanup() => _monitor?.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows, Description = "Normalize, per row")]
    public void Normalize()
    {
        Span<float> output = _output;
        for (int i = 0; i < _rows.Length; i++)
        {
            _rows[i].Normalize(output.Slice(i * MonitoredRow.Width, MonitoredRow.Width));
        }
    }

    [Benchmark(OperationsPerInvoke = Rows, Description = "DriftMonitor.Add(in T), per row")]
    public void AddRow()
    {
        DriftMonitor<MonitoredRow> monitor = _monitor!;
        for (int i = 0; i < _rows.Length; i++)
        {
            monitor.Add(in _rows[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Rows, Description = "DriftMonitor.Add(ReadOnlySpan<T>), per row")]
    public void AddSpan() => _monitor!.Add(_rows);

    [Benchmark(OperationsPerInvoke = Rows, Description = "ReadInputs alone, per row")]
    public void ReadInputs()
    {
        Span<double> inputs = _inputs;
        for (int i = 0; i < _rows.Length; i++)
        {
            _rows[i].ReadInputs(inputs);
        }
    }

    [Benchmark(OperationsPerInvoke = Rows, Description = "ReadInputs + double-compare count (the path before), per row")]
    public void ReadInputsAndCountWithDoubles()
    {
        RowCounter counter = _counter!;
        for (int i = 0; i < _rows.Length; i++)
        {
            _rows[i].ReadInputs(_inputs);
            counter.CountWithDoubles(_counters, _sums, _inputs, 0);
        }
    }

    [Benchmark(OperationsPerInvoke = Rows, Description = "ReadInputs + float-lane count, per row")]
    public void ReadInputsAndCount()
    {
        RowCounter counter = _counter!;
        for (int i = 0; i < _rows.Length; i++)
        {
            _rows[i].ReadInputs(_inputs);
            counter.Count(_counters, _sums, _inputs);
        }
    }
}
