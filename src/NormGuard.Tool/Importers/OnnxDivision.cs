using System;
using System.Runtime.Intrinsics;

namespace NormGuard.Tool.Importers;

/// <summary>
/// Whether ONNX's float32 <c>x / s</c> can be written as the onnx profile's <c>x · m</c>: it can exactly when
/// f32(x / s) == f32(x · m) for every float32 x, with m = f32(1 / s). That holds when s is a power of two (1/s is then
/// exact and both compute the same real number), and for some other divisors; for most it fails for some x (e.g.
/// x = 9, s = 10: 9/10 rounds to 0.9 but 9 · f32(0.1) to 0.90000004). Other divisors are checked exhaustively
/// over the x that can differ, see <see cref="Counterexample"/>.
/// </summary>
internal static class OnnxDivision
{
    private const int MaxFinite = 0x7f7fffff;

    /// <summary>m with x / <paramref name="divisor"/> == x · m for every float32 x; otherwise a <see cref="CliException"/> naming <paramref name="where"/> and an x where they differ.</summary>
    public static float AsMultiplier(float divisor, string where)
    {
        float multiplier = 1f / divisor;
        if (!float.IsFinite(divisor) || divisor == 0f || !float.IsFinite(multiplier) || multiplier == 0f)
        {
            throw new CliException($"{where}: division by {ImportSupport.Number(divisor)} is not a scaling the onnx profile can express");
        }

        if (Counterexample(divisor, multiplier) is { } x)
        {
            throw new CliException($"{where}: division by {ImportSupport.Number(divisor)} differs from NormGuard's onnx arithmetic, a multiplication by f32(1/{ImportSupport.Number(divisor)}) = {ImportSupport.Number(multiplier)}, in float32 (for x = {ImportSupport.Number(x)}: {ImportSupport.Number(x / divisor)} vs {ImportSupport.Number(x * multiplier)}), so no manifest reproduces it; export a multiplication (skl2onnx's default Scaler) instead");
        }

        return multiplier;
    }

    /// <summary>
    /// A float32 x with f32(x / s) != f32(x · m), or null when there is none. Signs are symmetric (round to nearest even
    /// is), and ±0, ±∞ and NaN give the same results both ways, so only positive finite x are checked. Where both
    /// results are normal floats, multiplying x by 2^k multiplies both real results by 2^k and leaves their rounding
    /// alike, so one binade of x whose results are near 1 stands for all of them; the x whose results may be subnormal
    /// (x/s below 2^-123) or may overflow (x/s above 2^124) are checked one by one.
    /// </summary>
    public static float? Counterexample(float divisor, float multiplier)
    {
        float s = Math.Abs(divisor), m = Math.Abs(multiplier);
        int binade = BitConverter.SingleToInt32Bits(MathF.ScaleB(1f, MathF.ILogB(s)));
        int low = Bits(s * Math.Pow(2, -123)), high = Bits(s * Math.Pow(2, 124));
        return First(binade, binade + (1 << 23), s, m) ?? First(1, low, s, m) ?? First(high, MaxFinite + 1, s, m);
    }

    // the bits of the float nearest to a positive value, clamped to the finite positive floats
    private static int Bits(double value) => value >= float.MaxValue ? MaxFinite : Math.Max(1, BitConverter.SingleToInt32Bits((float)value));

    /// <summary>The first x with bits in [from, to) where the two differ.</summary>
    private static float? First(int from, int to, float s, float m)
    {
        int bits = from;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> divisor = Vector256.Create(s), multiplier = Vector256.Create(m);
            Vector256<int> lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            for (; bits <= to - 8; bits += 8)
            {
                Vector256<float> x = (Vector256.Create(bits) + lanes).AsSingle();
                if (!Vector256.EqualsAll((x / divisor).AsInt32(), (x * multiplier).AsInt32()))
                {
                    break;
                }
            }
        }

        for (; bits < to; bits++)
        {
            float x = BitConverter.Int32BitsToSingle(bits);
            if (BitConverter.SingleToInt32Bits(x / s) != BitConverter.SingleToInt32Bits(x * m))
            {
                return x;
            }
        }

        return null;
    }
}
