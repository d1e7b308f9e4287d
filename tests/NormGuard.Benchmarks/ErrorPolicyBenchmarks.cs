using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;

namespace NormGuard.Benchmarks;

/// <summary>
/// The default profile's batch (12 float32 features: z-score, min-max, max-abs) under the default missing policy
/// <c>"error"</c> (every lane refuses NaN) and under <c>"propagate"</c> (no lane checks), against memcpy of the same
/// bytes in the same run: 250 rows (12 KB in and out, in L1) and 8,000,000 rows (384 MB in and out, past the
/// non-temporal threshold). The input holds no NaN, so "error" never throws: this is the cost of the check alone.
/// Two hand-written AVX-512 loops bound what a kernel can reach on this arithmetic: a period (48 floats, 3 vectors) at a
/// time with the parameters in registers, subtract, multiply, add and store, without and with the cheapest check there
/// is (one fused multiply-add per vector into an accumulator, tested once); they have no dispatch, no tables to read,
/// no partial period and no non-temporal stores, so they are a ceiling in L1, not a competitor out of cache.
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

    [Benchmark(Description = "roofline: arithmetic only")]
    public bool RooflineArithmetic() => Roofline(_input, _output, check: false);

    [Benchmark(Description = "roofline: arithmetic + check")]
    public bool RooflineChecked() => Roofline(_input, _output, check: true);

    /// <summary>Whole periods only (250 and 8,000,000 rows are whole multiples of 4 rows); returns whether a lane was not finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe bool Roofline(float[] input, float[] output, bool check)
    {
        if (!Avx512F.IsSupported)
        {
            throw new PlatformNotSupportedException("the roofline loops need AVX-512");
        }

        Vector512<float> o0 = Vector512.Create(1.5f), o1 = Vector512.Create(2.5f), o2 = Vector512.Create(3.5f);
        Vector512<float> s0 = Vector512.Create(0.3f), s1 = Vector512.Create(0.7f), s2 = Vector512.Create(1.1f);
        Vector512<float> a0 = Vector512.Create(-0f), a1 = Vector512.Create(0.25f), a2 = Vector512.Create(-1f);
        Vector512<float> c0 = Vector512<float>.Zero, c1 = c0, c2 = c0;
        nint length = input.Length - (input.Length % 48);
        fixed (float* x = input)
        fixed (float* y = output)
        {
            if (check)
            {
                for (nint i = 0; i < length; i += 48)
                {
                    Vector512<float> x0 = Vector512.Load(x + i);
                    (((x0 - o0) * s0) + a0).Store(y + i);
                    c0 = Avx512F.FusedMultiplyAdd(x0, Vector512<float>.Zero, c0);
                    Vector512<float> x1 = Vector512.Load(x + i + 16);
                    (((x1 - o1) * s1) + a1).Store(y + i + 16);
                    c1 = Avx512F.FusedMultiplyAdd(x1, Vector512<float>.Zero, c1);
                    Vector512<float> x2 = Vector512.Load(x + i + 32);
                    (((x2 - o2) * s2) + a2).Store(y + i + 32);
                    c2 = Avx512F.FusedMultiplyAdd(x2, Vector512<float>.Zero, c2);
                }
            }
            else
            {
                for (nint i = 0; i < length; i += 48)
                {
                    (((Vector512.Load(x + i) - o0) * s0) + a0).Store(y + i);
                    (((Vector512.Load(x + i + 16) - o1) * s1) + a1).Store(y + i + 16);
                    (((Vector512.Load(x + i + 32) - o2) * s2) + a2).Store(y + i + 32);
                }
            }
        }

        Vector512<float> seen = c0 + c1 + c2;
        return !Vector512.EqualsAll(seen, seen);
    }
}
