using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests.PropertyTests;

/// <summary>
/// <c>Denormalize(Normalize(x))</c> returns x within <see cref="ExactChain.RoundTripBound"/> for every invertible step
/// chain (z-score, robust, max-abs, min-max, log1p + z-score, log + min-max, and clip chains inside their bounds), in
/// every profile and dtype, for float and double members, over x drawn across the training range and far outside it.
/// Outside a clip's bounds the value comes back as the preimage of the bound. NaN comes back NaN, ±∞ as ±∞.
/// </summary>
public sealed class RoundTripPropertyTests(ITestOutputHelper output)
{
    private const long RowsPerRecord = 3000;
    private const double MinNormal32 = 1.1754943508222875e-38;

    [Fact]
    public void Denormalize_of_normalize_returns_x_within_the_derived_bound()
    {
        var clock = Stopwatch.StartNew();
        var worst = new ConcurrentBag<string>();
        long checkedValues = 0;
        checkedValues += Check<PropFlatNormGuard>(worst);
        checkedValues += Check<PropFlatSklearn32>(worst);
        checkedValues += Check<PropFlatSklearn64>(worst);
        checkedValues += Check<PropFlatOnnx>(worst);
        checkedValues += Check<PropFlatMLNet>(worst);
        checkedValues += Check<PropFlatSpark>(worst);
        checkedValues += Check<PropWideNormGuard>(worst);
        checkedValues += Check<PropWideSklearn32>(worst);
        checkedValues += Check<PropWideSklearn64>(worst);
        checkedValues += Check<PropWideOnnx>(worst);
        checkedValues += Check<PropWideMLNet>(worst);
        checkedValues += Check<PropWideSpark>(worst);
        output.WriteLine($"{checkedValues:N0} round trips within the bound, {clock.Elapsed.TotalSeconds:F1} s, scale {PropertyScale.Factor}");
        output.WriteLine("record: worst |x' − x| / bound (all; where x and y are normal float32) (the bound is reached: it is tight, not loose)");
        foreach (string line in worst.OrderBy(l => l, StringComparer.Ordinal))
        {
            output.WriteLine(line);
        }
    }

    [Fact]
    public void Special_values_come_back_as_themselves()
    {
        CheckSpecials<PropFlatNormGuard>();
        CheckSpecials<PropFlatSklearn32>();
        CheckSpecials<PropFlatSpark>();
        CheckSpecials<PropWideSklearn64>();
        CheckSpecials<PropWideMLNet>();
    }

    private static void CheckSpecials<T>()
        where T : unmanaged, INormalizable<T>
    {
        int width = T.Width;
        foreach (double special in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            T row = NumericRecord<T>.Rows(Enumerable.Repeat(special, width).ToArray())[0];
            float[] features = new float[width];
            row.Normalize(features);
            T back = T.Denormalize(features);
            for (int c = 0; c < width; c++)
            {
                ExactChain chain = NumericRecord<T>.Chains[c];
                double got = NumericRecord<T>.Member(back, c);
                double y = chain.Forward(special);
                if (double.IsNaN(special) || (chain.Invertible && !chain.HasClip && double.IsInfinity(y)))
                {
                    // NaN stays NaN through every step; ±∞ maps to ±∞ and back where no clip bounds it.
                    Assert.True(double.IsNaN(special) ? double.IsNaN(got) : got == special, $"{NumericRecord<T>.Name}.{NumericRecord<T>.Manifest.Features[c].Name}: {special} came back as {got}");
                }
            }
        }
    }

    private static long Check<T>(ConcurrentBag<string> worst)
        where T : unmanaged, INormalizable<T>
    {
        int width = T.Width;
        Manifest manifest = NumericRecord<T>.Manifest;
        ExactChain[] chains = NumericRecord<T>.Chains;
        bool floatMembers = NumericRecord<T>.FloatMembers;
        long count = 0;
        double worstRatio = 0, worstNormalRatio = 0;
        string worstAt = "-", worstNormalAt = "-";
        object gate = new();

        Draw.Gen.Array[width].Sample(
            draws =>
            {
                double[] inputs = new double[width];
                for (int c = 0; c < width; c++)
                {
                    inputs[c] = draws[c].ValueOf(chains[c], floatMembers);
                }

                T row = NumericRecord<T>.Rows(inputs)[0];
                float[] features = new float[width];
                row.Normalize(features);
                T back = T.Denormalize(features);
                for (int c = 0; c < width; c++)
                {
                    ExactChain chain = chains[c];
                    double x = NumericRecord<T>.Member(row, c);
                    double y = chain.Forward(x);

                    // Invertible, finite (in float32 too where the arithmetic is float32), inside the log's domain, and a
                    // normalized value that float32 can hold.
                    if (!chain.Invertible || !double.IsFinite(x) || (!chain.Float64Ops && !float.IsFinite((float)x)) || !double.IsFinite(y) || Math.Abs(y) > 1e37)
                    {
                        continue;
                    }

                    double want = chain.Recovered(x);
                    double got = NumericRecord<T>.Member(back, c);
                    double bound = chain.RoundTripBound(want, floatMembers);
                    double error = Math.Abs(got - want);
                    if (!(error <= bound))
                    {
                        throw new Xunit.Sdk.XunitException(
                            $"{NumericRecord<T>.Name} ({manifest.Profile}, {manifest.DType}) feature {manifest.Features[c].Name} [{chain.Describe}]: " +
                            $"x = {x:R}, normalized {features[c]:R}, denormalized {got:R}, expected {want:R} within {bound:R}, off by {error:R} ({error / bound:F2} × bound)");
                    }

                    // "Normal": x and its normalized value are normal float32 numbers, so the bound is not the subnormal floor.
                    double ratio = bound > 0 ? error / bound : 0;
                    bool normal = Math.Abs(want) >= MinNormal32 && Math.Abs(chain.Forward(want)) >= MinNormal32;
                    lock (gate)
                    {
                        count++;
                        if (ratio > worstRatio)
                        {
                            worstRatio = ratio;
                            worstAt = $"{manifest.Features[c].Name} at x = {want:G9}";
                        }

                        if (normal && ratio > worstNormalRatio)
                        {
                            worstNormalRatio = ratio;
                            worstNormalAt = $"{manifest.Features[c].Name} [{chain.Describe}] at x = {want:G9}";
                        }
                    }
                }
            },
            iter: PropertyScale.Iterations(RowsPerRecord),
            print: draws => string.Join(", ", draws));

        worst.Add($"{NumericRecord<T>.Name}: {worstRatio:F3} ({worstAt}); normal values {worstNormalRatio:F3} ({worstNormalAt})");
        return count;
    }
}
