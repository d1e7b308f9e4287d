// Compiled into the generator and the runtime (see src/Shared/README.md).
#nullable enable
using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace NormGuard.Manifests
{
    /// <summary>
    /// Decimal text to double and back, correctly rounded on every host. .NET Core 3.0+ parses and formats
    /// IEEE-correctly; .NET Framework (a possible compiler host in Visual Studio) does not, so there the exact
    /// big-integer path is used. Both give the same double for the same text.
    /// </summary>
    internal static class JsonNumber
    {
        private static readonly bool HostIsExact =
            !RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static readonly double[] ExactPowersOfTen =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        };

        /// <summary>Parses a JSON number token (already validated against the JSON grammar).</summary>
        /// <summary>10^<paramref name="exponent"/>, exact for 0 ≤ exponent ≤ 22.</summary>
        public static double PowerOfTen(int exponent) => ExactPowersOfTen[exponent];

        public static double Parse(string token) =>
            HostIsExact ? double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture) : ParseExact(token);

        /// <summary>Correctly rounded (round half to even) conversion of a JSON number token to double.</summary>
        public static double ParseExact(string token)
        {
            int i = 0;
            bool negative = token[0] == '-';
            if (negative)
            {
                i++;
            }

            const int MaxDigits = 800;
            var digits = new StringBuilder();
            int decimalExponent = 0;
            bool truncatedNonZero = false;
            bool seenPoint = false;
            for (; i < token.Length; i++)
            {
                char c = token[i];
                if (c == '.')
                {
                    seenPoint = true;
                    continue;
                }

                if (c == 'e' || c == 'E')
                {
                    break;
                }

                if (digits.Length == 0 && c == '0')
                {
                    if (seenPoint)
                    {
                        decimalExponent--;
                    }

                    continue;
                }

                if (digits.Length < MaxDigits)
                {
                    digits.Append(c);
                    if (seenPoint)
                    {
                        decimalExponent--;
                    }
                }
                else
                {
                    truncatedNonZero |= c != '0';
                    if (!seenPoint)
                    {
                        decimalExponent++;
                    }
                }
            }

            if (i < token.Length)
            {
                long exponent = 0;
                int sign = 1;
                i++;
                if (token[i] == '+' || token[i] == '-')
                {
                    sign = token[i] == '-' ? -1 : 1;
                    i++;
                }

                for (; i < token.Length; i++)
                {
                    exponent = Math.Min(exponent * 10 + (token[i] - '0'), 100_000);
                }

                decimalExponent = (int)Math.Max(Math.Min(decimalExponent + sign * exponent, 100_000), -100_000);
            }

            if (truncatedNonZero)
            {
                // A sticky digit below the kept ones: enough to round correctly.
                digits.Append('1');
                decimalExponent--;
            }

            double magnitude = Magnitude(digits.ToString(), decimalExponent);
            return negative ? -magnitude : magnitude;
        }

        private static double Magnitude(string digits, int exponent)
        {
            if (digits.Length == 0)
            {
                return 0d;
            }

            if (digits.Length + exponent > 310)
            {
                return double.PositiveInfinity;
            }

            if (digits.Length + exponent < -330)
            {
                return 0d;
            }

            if (digits.Length <= 15 && exponent >= -22 && exponent <= 22)
            {
                double mantissa = long.Parse(digits, CultureInfo.InvariantCulture);
                return exponent >= 0 ? mantissa * ExactPowersOfTen[exponent] : mantissa / ExactPowersOfTen[-exponent];
            }

            BigInteger numerator = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
            BigInteger denominator = BigInteger.One;
            if (exponent >= 0)
            {
                numerator *= BigInteger.Pow(10, exponent);
            }
            else
            {
                denominator = BigInteger.Pow(10, -exponent);
            }

            return FromRational(numerator, denominator);
        }

        private static double FromRational(BigInteger numerator, BigInteger denominator)
        {
            int shift = 55 - (BitLength(numerator) - BitLength(denominator));
            BigInteger scaledNumerator = shift >= 0 ? numerator << shift : numerator;
            BigInteger scaledDenominator = shift >= 0 ? denominator : denominator << -shift;
            BigInteger quotient = BigInteger.DivRem(scaledNumerator, scaledDenominator, out BigInteger remainder);

            // value = (quotient + remainder / scaledDenominator) * 2^-shift
            int quotientBits = BitLength(quotient);
            int binaryExponent = quotientBits - 1 - shift;
            int lsb = Math.Max(binaryExponent - 52, -1074);
            int drop = lsb + shift;

            BigInteger mantissa = quotient >> drop;
            BigInteger dropped = quotient - (mantissa << drop);
            BigInteger half = BigInteger.One << (drop - 1);
            int comparison = dropped.CompareTo(half);
            bool roundUp = comparison > 0 || (comparison == 0 && (!remainder.IsZero || !mantissa.IsEven));
            if (roundUp)
            {
                mantissa += 1;
            }

            if (mantissa == (BigInteger.One << 53))
            {
                mantissa >>= 1;
                lsb++;
            }

            ulong bits = (ulong)mantissa;
            if (bits >= 1UL << 52)
            {
                int biased = lsb + 52 + 1023;
                if (biased >= 2047)
                {
                    return double.PositiveInfinity;
                }

                bits = ((ulong)biased << 52) | (bits & ((1UL << 52) - 1));
            }

            return BitConverter.Int64BitsToDouble((long)bits);
        }

        private static int BitLength(BigInteger value)
        {
            byte[] bytes = value.ToByteArray();
            int top = bytes.Length - 1;
            while (top > 0 && bytes[top] == 0)
            {
                top--;
            }

            int bits = top * 8;
            for (int b = bytes[top]; b != 0; b >>= 1)
            {
                bits++;
            }

            return bits;
        }

        /// <summary>The shortest text that parses back to <paramref name="value"/>, in .NET "R" layout.</summary>
        /// <remarks>
        /// "R" is checked on every host: .NET 10's shortest formatting misses at a few powers of two, where the next lower
        /// double is nearer than usual (2^-25 gives "2.980232238769531E-08", which parses to the double below it; 2^-958 too).
        /// A miss takes the fewest digits, from "R"'s count up to 17, that do parse back: the shortest text, as Python's repr
        /// and ECMAScript write it, and a manifest saved and loaded keeps the value.
        /// </remarks>
        public static string RoundTrip(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            if (double.IsNaN(value) || double.IsInfinity(value) || Parse(ToJsonToken(text)) == value)
            {
                return text;
            }

            for (int digits = 15; digits <= 17; digits++)
            {
                string candidate = value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                if (Parse(ToJsonToken(candidate)) == value)
                {
                    return candidate;
                }
            }

            return value.ToString("G17", CultureInfo.InvariantCulture);
        }

        private static string ToJsonToken(string text) => text.Replace("E+", "e").Replace("E", "e");

        /// <summary>
        /// ECMAScript Number.prototype.toString of a finite double (RFC 8785 number form): shortest round-trip
        /// digits; plain notation for decimal exponents -6..20, else d.ddde±x; -0 is "0".
        /// </summary>
        public static string FormatCanonical(double value)
        {
            var result = new StringBuilder(24);
            AppendCanonical(result, value);
            return result.ToString();
        }

        /// <summary>Appends <see cref="FormatCanonical"/>'s text, reading the round-trip string in place (manifests
        /// hold thousands of numbers, and the build formats every one of them to hash the manifest).</summary>
        public static void AppendCanonical(StringBuilder output, double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "JSON numbers must be finite.");
            }

            if (value == 0d)
            {
                output.Append('0');
                return;
            }

            // "R" text is [-]mantissa[E±exponent]; the mantissa's digits, without its point, are the digit string D.
            string text = RoundTrip(value);
            int start = text[0] == '-' ? 1 : 0;
            int exponentAt = text.IndexOf('E');
            int mantissaEnd = exponentAt < 0 ? text.Length : exponentAt;
            int point = text.IndexOf('.', start, mantissaEnd - start);
            int count = mantissaEnd - start - (point < 0 ? 0 : 1);
            int exponent = 0;
            if (exponentAt >= 0)
            {
                bool negativeExponent = text[exponentAt + 1] == '-';
                for (int i = exponentAt + 1; i < text.Length; i++)
                {
                    if (text[i] >= '0' && text[i] <= '9')
                    {
                        exponent = (exponent * 10) + (text[i] - '0');
                    }
                }

                exponent = negativeExponent ? -exponent : exponent;
            }

            int first = 0;
            while (first < count - 1 && DigitAt(text, start, point, first) == '0')
            {
                first++;
            }

            int last = count;
            while (last > first + 1 && DigitAt(text, start, point, last - 1) == '0')
            {
                last--;
            }

            // ECMAScript's k (significant digits) and n (position of the decimal point relative to them).
            int k = last - first;
            int n = (point < 0 ? count : point - start) + exponent - first;
            if (start == 1)
            {
                output.Append('-');
            }

            if (k <= n && n <= 21)
            {
                AppendDigits(output, text, start, point, first, last);
                output.Append('0', n - k);
            }
            else if (0 < n && n <= 21)
            {
                AppendDigits(output, text, start, point, first, first + n);
                output.Append('.');
                AppendDigits(output, text, start, point, first + n, last);
            }
            else if (-6 < n && n <= 0)
            {
                output.Append("0.").Append('0', -n);
                AppendDigits(output, text, start, point, first, last);
            }
            else
            {
                int e = n - 1;
                output.Append(DigitAt(text, start, point, first));
                if (k > 1)
                {
                    output.Append('.');
                    AppendDigits(output, text, start, point, first + 1, last);
                }

                output.Append('e').Append(e >= 0 ? '+' : '-').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
            }
        }

        private static char DigitAt(string text, int start, int point, int j) => text[start + j + (point >= 0 && start + j >= point ? 1 : 0)];

        private static void AppendDigits(StringBuilder output, string text, int start, int point, int from, int to)
        {
            for (int j = from; j < to; j++)
            {
                output.Append(DigitAt(text, start, point, j));
            }
        }
    }
}
