using System;
using BenchmarkDotNet.Attributes;
using NormGuard.Internal;

namespace NormGuard.Benchmarks;

/// <summary>Where a batch lives while it is normalized.</summary>
public enum Residence
{
    /// <summary>48 KB in and 48 KB out: L1/L2.</summary>
    InCache,

    /// <summary>96 MB in and 96 MB out: far past the last-level cache (32 MB on the machines measured).</summary>
    OutOfCache,
}

/// <summary>
/// Unit L2 normalization (<see cref="VectorKernels.L2Normalize(ReadOnlySpan{float}, Span{float})"/>, the
/// scikit-learn rule: a float64 sum of squares in the fixed order, then one float32 division per element) of batches
/// of 384- and 1,536-dimension rows, a row at a time as generated <c>NormalizeBatch</c> calls it, against memcpy of the
/// same bytes in the same run. Issue 16 asks for ≥ 0.8× memcpy out of cache (docs/vector-arithmetic.md).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
[IterationTime(250)]
public class VectorL2Benchmarks
{
    private float[] _input = [];
    private float[] _output = [];

    [Params(384, 1_536)]
    public int Dimension { get; set; }

    [Params(Residence.InCache, Residence.OutOfCache)]
    public Residence Residence { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int floats = Residence == Residence.InCache ? 12 * 1024 : 24 * 1024 * 1024;
        floats -= floats % Dimension;
        var random = new Random(16);
        _input = new float[floats];
        for (int i = 0; i < floats; i++)
        {
            // Embedding-like: centered components of a few hundredths.
            _input[i] = (float)((random.NextDouble() - 0.5) * 0.1);
        }

        _output = new float[floats];
    }

    [Benchmark(Baseline = true, Description = "memcpy")]
    public void Memcpy() => _input.AsSpan().CopyTo(_output);

    [Benchmark(Description = "L2Normalize, row by row")]
    public void L2Normalize()
    {
        ReadOnlySpan<float> input = _input;
        Span<float> output = _output;
        int d = Dimension;
        for (int start = 0; start < input.Length; start += d)
        {
            VectorKernels.L2Normalize(input.Slice(start, d), output.Slice(start, d));
        }
    }
}
