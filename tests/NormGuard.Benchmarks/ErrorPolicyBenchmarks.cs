using System;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace NormGuard.Benchmarks;

/// <summary>
/// The default profile's batch (12 float32 features: z-score, min-max, max-abs) under the default missing policy
/// <c>"error"</c> (every lane refuses NaN) and under <c>"propagate"</c> (no lane checks), against memcpy of the same
/// bytes in the same run: 250 rows (12 KB in and out, in L1) and 8,000,000 rows (384 MB in and out, past the
/// non-temporal threshold). The input holds no NaN, so "error" never throws: this is the cost of the check alone.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class ErrorPolicyBenchmarks
{
    private const int Width = 12;

    private float[] _input = [];
    private float[] _output = [];

    [Params(250, 8_000_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _input = new float[Rows * Width];
        for (int i = 0; i < _input.Length; i++)
        {
            _input[i] = (float)(random.NextDouble() * 100);
        }

        _output = new float[_input.Length];
    }

    [Benchmark(Baseline = true, Description = "memcpy")]
    public void Memcpy() => _input.AsSpan().CopyTo(_output);

    [Benchmark(Description = "default profile, missing: error")]
    public void DefaultError() => DefaultRow.NormalizeBatch(MemoryMarshal.Cast<float, DefaultRow>(_input), _output);

    [Benchmark(Description = "default profile, missing: propagate")]
    public void DefaultPropagate() => DefaultPropagateRow.NormalizeBatch(MemoryMarshal.Cast<float, DefaultPropagateRow>(_input), _output);
}
