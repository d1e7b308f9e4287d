using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using NormGuard.Internal;

namespace NormGuard.Benchmarks;

/// <summary>The missing-value policy the kernel runs under: "error" (the default) screens every lane for NaN.</summary>
public enum MissingPolicy
{
    Error,
    Propagate,
}

/// <summary>
/// <c>StreamKernels.AffineFloat64</c> (the bit-exact scikit-learn kernel, z-score shaped: subtract, divide; 12 features
/// per row) on every parameter family of <see cref="CliffBenchmarks"/>, both pipelines, in cache (1,024 rows, 48 KB)
/// and far out of cache (8M rows, 384 MB in and 384 MB out: past <c>StreamKernels.NonTemporalThreshold</c>, so the
/// output is written with streaming stores). Run it together with <see cref="RooflineReferenceBenchmarks"/> (filter
/// <c>*Roofline*</c>): issue 15 asks for ≥ 0.5× memcpy out of cache and, in cache, ≥ 0.8× of the loop that does only
/// the widen/narrow conversions the arithmetic needs.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[IterationTime(250)]
public class RooflineBenchmarks
{
    private float[] _input = [];
    private float[] _output = [];
    private double[] _offset = [];
    private double[] _divisor = [];
    private double[] _scale = [];
    private double[] _add = [];
    private int[] _nanIsError = [];

    [Params(1_024, 8_388_608)]
    public int Rows { get; set; }

    [Params(Family.FullReciprocal, Family.ShortStd, Family.ShortRange, Family.PowerOfTwo, Family.SubnormalOutput, Family.HugeOffset)]
    public Family Family { get; set; }

    /// <summary>true: scikit-learn on float32 data (round after each op); false: on float64 data.</summary>
    [Params(true, false)]
    public bool Float32Pipeline { get; set; }

    [Params(MissingPolicy.Error, MissingPolicy.Propagate)]
    public MissingPolicy Missing { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (double[] mean, double[] std) = CliffBenchmarks.Parameters(Family);
        _offset = CliffBenchmarks.Lanes(mean);
        _divisor = CliffBenchmarks.Lanes(std);
        _scale = CliffBenchmarks.Lanes(new double[CliffBenchmarks.Width], 1d);
        _add = CliffBenchmarks.Lanes(new double[CliffBenchmarks.Width], -0d);
        _nanIsError = Missing == MissingPolicy.Error ? new int[_divisor.Length] : [];
        _nanIsError.AsSpan().Fill(-1);
        _input = CliffBenchmarks.Inputs(InputKind.Uniform, mean, std, Rows, seed: 11);
        _output = new float[_input.Length];
    }

    [Benchmark]
    public int AffineFloat64() =>
        StreamKernels.AffineFloat64(_input, _output, _offset, _divisor, _scale, _add, Float32Pipeline, _nanIsError, default);
}

/// <summary>
/// The references <see cref="RooflineBenchmarks"/> is measured against, over the same bytes: memcpy; the widen/narrow
/// loop each pipeline needs at the least (float64: widen 16 floats to two double vectors, narrow back, store;
/// float32 data: also the narrow and widen that round the subtraction's result to float32, as the kernel must); and the
/// division roofline (widen, one vector division, narrow), the cost of the division alone. The loops store as the
/// kernel does: streaming stores past <c>StreamKernels.NonTemporalThreshold</c>.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[IterationTime(250)]
public unsafe class RooflineReferenceBenchmarks
{
    private float[] _input = [];
    private float[] _output = [];
    private double[] _divisor = [];

    [Params(1_024, 8_388_608)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (double[] mean, double[] std) = CliffBenchmarks.Parameters(Family.FullReciprocal);
        _input = CliffBenchmarks.Inputs(InputKind.Uniform, mean, std, Rows, seed: 11);
        _output = new float[_input.Length];
        _divisor = CliffBenchmarks.Lanes(std);
    }

    [Benchmark(Description = "memcpy")]
    public void Memcpy() => _input.AsSpan().CopyTo(_output);

    [Benchmark(Description = "widen/narrow (float64 pipeline)")]
    public void WidenNarrow() => Loop<Convert64>();

    [Benchmark(Description = "widen/narrow + round once (float32 pipeline)")]
    public void WidenNarrowRounded() => Loop<Round32>();

    [Benchmark(Description = "division roofline (widen, divide, narrow)")]
    public void DivisionRoofline() => Loop<Divide>();

    private interface IStep
    {
        static abstract Vector512<double> Apply(Vector512<double> v, Vector512<double> divisor);

        static abstract Vector256<double> Apply(Vector256<double> v, Vector256<double> divisor);
    }

    private readonly struct Convert64 : IStep
    {
        public static Vector512<double> Apply(Vector512<double> v, Vector512<double> divisor) => v;

        public static Vector256<double> Apply(Vector256<double> v, Vector256<double> divisor) => v;
    }

    private readonly struct Round32 : IStep
    {
        public static Vector512<double> Apply(Vector512<double> v, Vector512<double> divisor) =>
            Avx512F.ConvertToVector512Double(Avx512F.ConvertToVector256Single(v));

        public static Vector256<double> Apply(Vector256<double> v, Vector256<double> divisor) =>
            Avx.ConvertToVector256Double(Avx.ConvertToVector128Single(v));
    }

    private readonly struct Divide : IStep
    {
        public static Vector512<double> Apply(Vector512<double> v, Vector512<double> divisor) => v / divisor;

        public static Vector256<double> Apply(Vector256<double> v, Vector256<double> divisor) => v / divisor;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Loop<T>()
        where T : struct, IStep
    {
        fixed (float* x = _input)
        fixed (float* y = _output)
        fixed (double* d = _divisor)
        {
            nint length = _input.Length;
            bool nonTemporal = length >= StreamKernels.NonTemporalThreshold;
            nint i = 0;
            if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
            {
                Vector512<double> d0 = Vector512.Load(d), d1 = Vector512.Load(d + 8);
                for (; nonTemporal && ((nuint)(y + i) & 63) != 0; i++)
                {
                    y[i] = x[i];
                }

                for (; i <= length - 16; i += 16)
                {
                    Vector512<float> input = Vector512.Load(x + i);
                    Vector512<float> result = Vector512.Narrow(T.Apply(Vector512.WidenLower(input), d0), T.Apply(Vector512.WidenUpper(input), d1));
                    if (nonTemporal)
                    {
                        result.StoreAlignedNonTemporal(y + i);
                    }
                    else
                    {
                        result.Store(y + i);
                    }
                }
            }
            else
            {
                Vector256<double> d0 = Vector256.Load(d), d1 = Vector256.Load(d + 4);
                for (; i <= length - 8; i += 8)
                {
                    Vector256<float> input = Vector256.Load(x + i);
                    Vector256.Narrow(T.Apply(Vector256.WidenLower(input), d0), T.Apply(Vector256.WidenUpper(input), d1)).Store(y + i);
                }
            }

            for (; i < length; i++)
            {
                y[i] = x[i];
            }

            if (nonTemporal)
            {
                Sse.StoreFence();
            }
        }
    }
}
