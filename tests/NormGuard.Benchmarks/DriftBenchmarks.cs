using System;
using BenchmarkDotNet.Attributes;

namespace NormGuard.Benchmarks;

/// <summary>
/// The cost of watching traffic: <c>DriftMonitor&lt;T&gt;.Add</c> for a 12-feature row (read its inputs, find each value's
/// baseline bin, count it, add to the moment sums), against the generated <c>Normalize</c> of the same row.
/// The budget is 20 ns per row.
/// </summary>
[MemoryDiagnoser]
public class DriftBenchmarks
{
    private const int Rows = 1024;
    private readonly MonitoredRow[] _rows = new MonitoredRow[Rows];
    private readonly float[] _output = new float[MonitoredRow.Width * Rows];
    private DriftMonitor<MonitoredRow>? _monitor;

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
}
