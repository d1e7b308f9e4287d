using System;
using System.Globalization;

namespace NormGuard.Generators.Analyzers.HandWritten
{
    /// <summary>
    /// A number known at compile time together with how precisely it was written: <c>0.79</c> has 2 significant digits,
    /// <c>100</c> has 1, <c>61.743</c> has 5. The digits say how close to a manifest parameter the number must be to count
    /// as a copy of it, and how much that copy weighs as evidence.
    /// </summary>
    internal sealed class NumericConstant
    {
        private NumericConstant(double value, int digits)
        {
            Value = value;
            Digits = digits;
        }

        public double Value { get; }

        /// <summary>Significant digits as written (of the least precise operand, for a folded expression).</summary>
        public int Digits { get; }

        /// <summary>For <c>1 / d</c>: d, so that <c>x * (1 / std)</c> is matched as a division by std.</summary>
        public NumericConstant? ReciprocalOf { get; private set; }

        /// <summary>For <c>a - b</c>: a and b, so that <c>/ (95.0 - 43.0)</c> is matched as max and min.</summary>
        public NumericConstant? Minuend { get; private set; }

        public NumericConstant? Subtrahend { get; private set; }

        /// <summary>0, 1 and −1 say nothing: every scaling, clamp and conversion uses them.</summary>
        public bool IsGeneric => Value == 0 || Math.Abs(Value) == 1;

        /// <summary>A numeric compile-time value as Roslyn gives it (its CLR type tells how it was written).</summary>
        public static NumericConstant? From(object? value)
        {
            switch (value)
            {
                case double d:
                    return Finite(d, CountDigits(d.ToString("R", CultureInfo.InvariantCulture)));
                case float f:
                    return Finite(f, CountDigits(f.ToString("R", CultureInfo.InvariantCulture)));
                case decimal m:
                    return Finite((double)m, CountDigits(m.ToString(CultureInfo.InvariantCulture)));
                case int or long or short or sbyte or byte or ushort or uint or ulong:
                    string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0";
                    return Finite(Convert.ToDouble(value, CultureInfo.InvariantCulture), CountDigits(text));
                default:
                    return null;
            }
        }

        public NumericConstant Negate() => new NumericConstant(-Value, Digits);

        /// <summary><c>left op right</c> for + − · /; null when the result is not finite (a division by zero).</summary>
        public static NumericConstant? Fold(NumericConstant left, char op, NumericConstant right)
        {
            double value = op switch
            {
                '+' => left.Value + right.Value,
                '-' => left.Value - right.Value,
                '*' => left.Value * right.Value,
                _ => left.Value / right.Value,
            };
            NumericConstant? folded = Finite(value, Math.Min(left.Digits, right.Digits));
            if (folded is not null)
            {
                folded.ReciprocalOf = op == '/' && left.Value == 1 ? right : null;
                folded.Minuend = op == '-' ? left : null;
                folded.Subtrahend = op == '-' ? right : null;
            }

            return folded;
        }

        public string Display() => Value.ToString("G7", CultureInfo.InvariantCulture);

        private static NumericConstant? Finite(double value, int digits) =>
            double.IsNaN(value) || double.IsInfinity(value) ? null : new NumericConstant(value, digits);

        /// <summary>Significant digits of a number's invariant text: leading zeros never count, trailing zeros of a
        /// number without a decimal point do not (100 has one), those after a decimal point do (decimal's 0.790m has three).</summary>
        private static int CountDigits(string text)
        {
            int exponent = text.IndexOfAny(new[] { 'E', 'e' });
            string mantissa = exponent < 0 ? text : text.Substring(0, exponent);
            bool hasPoint = mantissa.IndexOf('.') >= 0;
            string digits = mantissa.Replace("-", string.Empty).Replace("+", string.Empty).Replace(".", string.Empty).TrimStart('0');
            if (!hasPoint)
            {
                digits = digits.TrimEnd('0');
            }

            return Math.Max(1, Math.Min(digits.Length, 17));
        }
    }
}
