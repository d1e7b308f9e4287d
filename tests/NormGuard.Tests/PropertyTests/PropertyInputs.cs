using System;
using System.Globalization;
using CsCheck;

namespace NormGuard.Tests.PropertyTests;

/// <summary>
/// How much the property tests run: <c>NORMGUARD_PROPERTY_SCALE</c> (default 1) multiplies every iteration count.
/// The default is the bounded slice that <c>dotnet test</c> (and .ci/run) runs; the long run is
/// <c>NORMGUARD_PROPERTY_SCALE=50 dotnet test tests/NormGuard.Tests -c Release --filter FullyQualifiedName~PropertyTests</c>.
/// <c>CsCheck_Seed</c> replays a failing seed that CsCheck printed.
/// </summary>
internal static class PropertyScale
{
    public static int Factor { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("NORMGUARD_PROPERTY_SCALE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int factor) && factor > 0 ? factor : 1;

    public static long Iterations(long slice) => slice * Factor;
}

/// <summary>
/// One random draw for one feature value; <see cref="ValueOf"/> turns it into an input for a particular feature, so
/// CsCheck shrinks the draw (toward mode 0 and small numbers) while the value stays meaningful for that feature.
/// </summary>
internal readonly record struct Draw(int Mode, double A, long Bits)
{
    public const int Modes = 10;

    public static readonly Gen<Draw> Gen = CsCheck.Gen.Select(CsCheck.Gen.Int[0, Modes - 1], CsCheck.Gen.Double[-1, 1], CsCheck.Gen.Long, (mode, a, bits) => new Draw(mode, a, bits));

    private static readonly double[] Specials =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0d, -0d, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
        1.1754942e-38f, -1.1754942e-38f, double.Epsilon, double.MaxValue, double.MinValue, 1d, -1d,
    ];

    /// <summary>
    /// An input for a feature: modes 0–3 in the training range (a normalized value in [−4, 4] mapped back through the
    /// feature's steps), 4 far outside it (normalized values up to 1e±30), 5 anywhere (magnitudes 1e−45 to 1e38, or to
    /// 1e308 for double members), 6 a float32 rounding midpoint of the normalized value, 7 special values (NaN, ±∞, ±0,
    /// subnormals, extremes), 8 arbitrary bit patterns, 9 a training-range value moved by up to two ulps.
    /// </summary>
    public double ValueOf(ExactChain chain, bool floatMember)
    {
        double x = Mode switch
        {
            <= 3 => Back(chain, 4 * A),
            4 => Back(chain, Math.CopySign(Math.Pow(10, 30 * Math.Abs(A)), A)),
            5 => Math.CopySign(Math.Pow(10, floatMember ? -45 + (83 * Math.Abs(A)) : -320 + (628 * Math.Abs(A))), A),
            6 => Back(chain, Midpoint((float)(4 * A))),
            7 => Specials[(int)((ulong)Bits % (ulong)Specials.Length)],
            8 => floatMember ? BitConverter.Int32BitsToSingle((int)Bits) : BitConverter.Int64BitsToDouble(Bits),
            _ => Back(chain, 4 * A),
        };
        if (floatMember)
        {
            float f = (float)x;
            return Mode == 9 ? Nudge(f, (int)((ulong)Bits % 5) - 2) : f;
        }

        return Mode == 9 ? Nudge(x, (int)((ulong)Bits % 5) - 2) : x;
    }

    public override string ToString() => $"Draw(mode {Mode}, a {A.ToString("R", CultureInfo.InvariantCulture)}, bits 0x{Bits:X16})";

    // Non-invertible chains (a zero scale) have no preimage: use the normalized value's scale directly.
    private static double Back(ExactChain chain, double y) => chain.Invertible ? chain.Inverse(y) : y * 1000;

    private static double Midpoint(float y) => ((double)y + MathF.BitIncrement(y)) / 2;

    private static float Nudge(float x, int ulps)
    {
        for (; ulps > 0; ulps--)
        {
            x = MathF.BitIncrement(x);
        }

        for (; ulps < 0; ulps++)
        {
            x = MathF.BitDecrement(x);
        }

        return x;
    }

    private static double Nudge(double x, int ulps)
    {
        for (; ulps > 0; ulps--)
        {
            x = Math.BitIncrement(x);
        }

        for (; ulps < 0; ulps++)
        {
            x = Math.BitDecrement(x);
        }

        return x;
    }
}
