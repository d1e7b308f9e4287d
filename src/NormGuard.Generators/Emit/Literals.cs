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

        /// <summary>
        /// Text from a manifest (a feature or feature-set name) made safe inside a <c>//</c> comment: a line break in it
        /// (\r, \n, U+0085, U+2028, U+2029, all legal in a JSON string) would end the comment and turn the rest of the
        /// name into code; other control characters and lone surrogates are escaped so the file stays valid UTF-8.
        /// </summary>
        public static string Comment(string value)
        {
            StringBuilder? builder = null;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                bool pair = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
                if (c >= ' ' && c != '\u0085' && c != '\u2028' && c != '\u2029' && (pair || !char.IsSurrogate(c)) && c != '\u007f')
                {
                    builder?.Append(c);
                    if (pair)
                    {
                        builder?.Append(value[++i]);
                    }

                    continue;
                }

                builder ??= new StringBuilder(value.Length + 8).Append(value, 0, i);
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }

            return builder?.ToString() ?? value;
        }

        public static string String(string value) => AppendString(new StringBuilder(value.Length + 2), value).ToString();

        /// <summary>Appends <see cref="String"/>'s text, so that a long literal (the canonical manifest) is escaped
        /// straight into the generated file instead of into a string of its own first.</summary>
        public static StringBuilder AppendString(StringBuilder builder, string value)
        {
            builder.Append('"');
            int run = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c >= ' ' && c <= '\u007e' && c != '"' && c != '\\')
                {
                    continue;
                }

                builder.Append(value, run, i - run);
                run = i + 1;
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    case '\0': builder.Append("\\0"); break;
                    default:
                        // Other control characters, U+007F and above (line separators, lone surrogates) as \uXXXX.
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        break;
                }
            }

            return builder.Append(value, run, value.Length - run).Append('"');
        }

        public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
