using System.Globalization;
using System.Text;
using NormGuard.Manifests;

namespace NormGuard.Generators.Emit
{
    /// <summary>C# literals in invariant culture that round-trip exactly.</summary>
    internal static class Literals
    {
        public static string Float(double value)
        {
            float f = (float)value;
            if (float.IsNaN(f))
            {
                return "float.NaN";
            }

            if (float.IsInfinity(f))
            {
                return f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
            }

            string text = f.ToString("R", CultureInfo.InvariantCulture);
            if (float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) != f)
            {
                text = f.ToString("G9", CultureInfo.InvariantCulture);
            }

            return Negative(f, text) + "f";
        }

        public static string Double(double value)
        {
            if (double.IsNaN(value))
            {
                return "double.NaN";
            }

            if (double.IsInfinity(value))
            {
                return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
            }

            return Negative(value, JsonNumber.RoundTrip(value)) + "d";
        }

        // "R" drops the sign of negative zero.
        private static string Negative(double value, string text) =>
            value == 0d && System.BitConverter.DoubleToInt64Bits(value) < 0 && !text.StartsWith("-", System.StringComparison.Ordinal) ? "-" + text : text;

        public static string String(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\0': builder.Append("\\0"); break;
                    default:
                        if (c < ' ' || c == '\u2028' || c == '\u2029' || c == '\u0085' || char.IsSurrogate(c) || c > '\u007e')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
