using System;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace NormGuard.Benchmarks;

/// <summary>
/// Normalizing batches of 12 float32 features, in cache (1,000 rows, 48 KB) and out of cache (8,000,000 rows,
/// 384 MB in and out), against memcpy of the same bytes (the physical limit), a hand-written scalar loop and a
/// column-wise TensorPrimitives version. Every case reads the same input and writes the same number of floats.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 12)]
public class BatchBenchmarks
{
    private const int Width = 12;

    private float[] _input = [];
    private float[] _output = [];
    private float[][] _columns = [];
    private float[][] _columnOutputs = [];
    private readonly float[] _means = new float[Width];
    private readonly float[] _inverseStds = new float[Width];

    // 250 rows (24 KB in and out) fit in L1, 1,000 rows (96 KB) in L2, 8,000,000 rows (768 MB) in neither.
    [Params(250, 1_000, 8_000_000)]
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
        _columns = new float[Width][];
        _columnOutputs = new float[Width][];
        for (int f = 0; f < Width; f++)
        {
            _columns[f] = new float[Rows];
            _columnOutputs[f] = new float[Rows];
            for (int r = 0; r < Rows; r++)
            {
                _columns[f][r] = _input[(r * Width) + f];
            }

            _means[f] = 10f + f;
            _inverseStds[f] = 1f / (2.5f + (f / 10f));
        }
    }

    [Benchmark(Baseline = true, Description = "memcpy")]
    public void Memcpy() => _input.AsSpan().CopyTo(_output);

    /// <summary>
    /// The limit for any code that writes with ordinary vector stores: memcpy copies large blocks with
    /// <c>rep movsb</c>, whose whole-line writes skip the read-for-ownership of each destination line.
    /// </summary>
    [Benchmark(Description = "vector load/store loop (no arithmetic)")]
    public unsafe void VectorCopyLoop()
    {
        fixed (float* x = _input)
        fixed (float* y = _output)
        {
            nint i = 0, length = _input.Length;
            for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                Vector512.Load(x + i).Store(y + i);
            }

            for (; i < length; i++)
            {
                y[i] = x[i];
            }
        }
    }

    [Benchmark(Description = "NormGuard default (float32; z-score, min-max, max-abs)")]
    public void NormGuardDefault() => DefaultRow.NormalizeBatch(MemoryMarshal.Cast<float, DefaultRow>(_input), _output);

    [Benchmark(Description = "NormGuard default, z-score only")]
    public void NormGuardZScoreOnly() => ZScoreRow.NormalizeBatch(MemoryMarshal.Cast<float, ZScoreRow>(_input), _output);

    [Benchmark(Description = "NormGuard sklearn float32 (bit-exact)")]
    public void NormGuardSklearnFloat32() => SklearnF32Row.NormalizeBatch(MemoryMarshal.Cast<float, SklearnF32Row>(_input), _output);

    [Benchmark(Description = "NormGuard sklearn float64 (bit-exact)")]
    public void NormGuardSklearnFloat64() => SklearnF64Row.NormalizeBatch(MemoryMarshal.Cast<float, SklearnF64Row>(_input), _output);

    /// <summary>What a careful user writes by hand: parameters in arrays, one loop over rows and features.</summary>
    [Benchmark(Description = "hand-written scalar loop")]
    public void ScalarLoop()
    {
        float[] input = _input, output = _output, means = _means, inverse = _inverseStds;
        for (int r = 0; r < Rows; r++)
        {
            int row = r * Width;
            for (int f = 0; f < Width; f++)
            {
                output[row + f] = (input[row + f] - means[f]) * inverse[f];
            }
        }
    }

    /// <summary>The vectorized library a .NET user would reach for: one column at a time, subtract then multiply.</summary>
    [Benchmark(Description = "TensorPrimitives, column-wise")]
    public void TensorPrimitivesColumns()
    {
        for (int f = 0; f < Width; f++)
        {
            TensorPrimitives.Subtract(_columns[f], _means[f], _columnOutputs[f]);
            TensorPrimitives.Multiply(_columnOutputs[f], _inverseStds[f], _columnOutputs[f]);
        }
    }
}
