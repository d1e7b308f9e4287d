using System;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace NormGuard.Benchmarks;

/// <summary>
/// ML.NET's NormalizeMeanVariance through IDataView (transform and read every output row into a float array), against
/// NormGuard's generated batch on the same rows. ML.NET holds rows as objects, so the largest size is 1,000,000.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class MLNetBatchBenchmarks
{
    private IDataView? _transformed;
    private float[] _input = [];
    private float[] _output = [];

    [Params(1_000, 1_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        MLNetRow[] rows = MLNetRow.Random(Rows, 9);
        var ml = new MLContext(seed: 0);
        IDataView data = ml.Data.LoadFromEnumerable(rows);
        _transformed = ml.Transforms.NormalizeMeanVariance("Normalized", "Features", fixZero: false).Fit(data).Transform(data);
        _input = new float[Rows * 12];
        for (int r = 0; r < Rows; r++)
        {
            rows[r].Features.CopyTo(_input, r * 12);
        }

        _output = new float[_input.Length];
    }

    [Benchmark(Baseline = true, Description = "ML.NET IDataView transform")]
    public void MLNet()
    {
        using DataViewRowCursor cursor = _transformed!.GetRowCursor(new[] { _transformed.Schema["Normalized"] });
        ValueGetter<VBuffer<float>> getter = cursor.GetGetter<VBuffer<float>>(_transformed.Schema["Normalized"]);
        VBuffer<float> buffer = default;
        int offset = 0;
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            buffer.GetValues().CopyTo(_output.AsSpan(offset, 12));
            offset += 12;
        }
    }

    [Benchmark(Description = "NormGuard default (float32)")]
    public void NormGuard() => DefaultRow.NormalizeBatch(MemoryMarshal.Cast<float, DefaultRow>(_input), _output);

    /// <summary>The same bytes copied: no transform can beat it, so ML.NET's time over this bounds any speed-up.</summary>
    [Benchmark(Description = "memcpy")]
    public void Memcpy() => _input.AsSpan().CopyTo(_output);
}
