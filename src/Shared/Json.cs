// Compiled into the generator and the runtime (see src/Shared/README.md).
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NormGuard.Manifests
{
    internal enum JsonKind
    {
        Null,
        False,
        True,
        Number,
        String,
        Array,
        Object,
    }

    /// <summary>A parsed JSON value that remembers where it came from in the text.</summary>
    internal sealed class JsonNode
    {
        public JsonNode(JsonKind kind, int start, int end)
        {
            Kind = kind;
            Start = start;
            End = end;
        }

        public JsonKind Kind { get; }

        public int Start { get; }

        public int End { get; set; }

        public string? String { get; set; }

        public double Number { get; set; }

        public List<JsonNode>? Items { get; set; }

        /// <summary>A number whose text in the source is already its RFC 8785 form.</summary>
        public bool IsCanonicalNumber { get; set; }

        public List<JsonProperty>? Properties { get; set; }

        public static JsonNode Synthetic(JsonKind kind) => new JsonNode(kind, 0, 0);

        public static JsonNode FromString(string value) => new JsonNode(JsonKind.String, 0, 0) { String = value };

        public static JsonNode FromNumber(double value) => new JsonNode(JsonKind.Number, 0, 0) { Number = value };

        public static JsonNode FromBool(bool value) => Synthetic(value ? JsonKind.True : JsonKind.False);

        public static JsonNode NewObject() => new JsonNode(JsonKind.Object, 0, 0) { Properties = new List<JsonProperty>() };

        public static JsonNode NewArray() => new JsonNode(JsonKind.Array, 0, 0) { Items = new List<JsonNode>() };

        public JsonNode Add(string name, JsonNode value)
        {
            Properties!.Add(new JsonProperty(name, 0, value));
            return this;
        }

        public JsonNode? Get(string name)
        {
            if (Properties is null)
            {
                return null;
            }

            foreach (JsonProperty property in Properties)
            {
                if (property.Name == name)
                {
                    return property.Value;
                }
            }

            return null;
        }

        public string Describe() => Kind switch
        {
            JsonKind.Null => "null",
            JsonKind.False or JsonKind.True => "a boolean",
            JsonKind.Number => "a number",
            JsonKind.String => "a string",
            JsonKind.Array => "an array",
            _ => "an object",
        };
    }

    internal sealed class JsonProperty
    {
        public JsonProperty(string name, int nameStart, JsonNode value)
        {
            Name = name;
            NameStart = nameStart;
            Value = value;
        }

        public string Name { get; }

        public int NameStart { get; }

        public JsonNode Value { get; }
    }

    internal sealed class JsonSyntaxException : Exception
    {
        public JsonSyntaxException(string message, int position)
            : base(message) => Position = position;

        public int Position { get; }
    }

    /// <summary>
    /// Strict RFC 8259 parser: linear in the input, with a nesting limit so hostile input cannot exhaust the stack.
    /// Rejects comments, trailing commas and duplicate keys; reads Python's NaN/Infinity/-Infinity as numbers.
    /// </summary>
    /// <remarks>
    /// The cursor only moves forward (but for one step back to read -Infinity), so one parse reads each character a
    /// bounded number of times. The work that is
    /// not the cursor's (values built, duplicate-key checks, number digits read a second time) is counted on the
    /// instance, so that tests can check linear growth by counting instead of timing (see
    /// <see cref="ManifestReadWork"/>). Each count is one field increment next to work that costs far more.
    /// </remarks>
    internal sealed class JsonParser
    {
        public const int MaxDepth = 64;

        private readonly string _text;
        private int _pos;
        private long _values;
        private long _keyChecks;
        private long _numberCharactersReread;

        public JsonParser(string text) => _text = text;

        /// <summary>Characters the cursor has passed: how far the parse got.</summary>
        public int CharactersRead => _pos;

        /// <summary>JSON values parsed so far.</summary>
        public long Values => _values;

        /// <summary>Duplicate-key checks: one per name compared in a small object, one per hash-set lookup in a large one.</summary>
        public long KeyChecks => _keyChecks;

        /// <summary>Characters of number tokens read again after the cursor passed them, to convert them.</summary>
        public long NumberCharactersReread => _numberCharactersReread;

        public static JsonNode Parse(string text) => new JsonParser(text).ParseDocument();

        /// <summary>Parses the whole text; the counts stay readable after a <see cref="JsonSyntaxException"/>.</summary>
        public JsonNode ParseDocument()
        {
            if (_pos < _text.Length && _text[_pos] == '\uFEFF')
            {
                _pos++;
            }

            SkipWhiteSpace();
            if (_pos >= _text.Length)
            {
                throw new JsonSyntaxException("the file is empty: expected a JSON object", _pos);
            }

            JsonNode root = ParseValue(0);
            SkipWhiteSpace();
            if (_pos < _text.Length)
            {
                throw new JsonSyntaxException("unexpected text after the end of the JSON value", _pos);
            }

            return root;
        }

        private JsonNode ParseValue(int depth)
        {
            _values++;
            if (depth > MaxDepth)
            {
                throw new JsonSyntaxException("JSON nested deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels", _pos);
            }

            if (_pos >= _text.Length)
            {
                throw new JsonSyntaxException("unexpected end of the file: the JSON is truncated", _pos);
            }

            char c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ParseObject(depth);
                case '[':
                    return ParseArray(depth);
                case '"':
                    int start = _pos;
                    string value = ParseString();
                    return new JsonNode(JsonKind.String, start, _pos) { String = value };
                case 't':
                    return ParseLiteral("true", JsonKind.True);
                case 'f':
                    return ParseLiteral("false", JsonKind.False);
                case 'n':
                    return ParseLiteral("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }

                    if (c == 'N')
                    {
                        return ParseNonFinite("NaN", double.NaN);
                    }

                    if (c == 'I')
                    {
                        return ParseNonFinite("Infinity", double.PositiveInfinity);
                    }

                    if (c == '/')
                    {
                        throw new JsonSyntaxException("comments are not allowed in JSON", _pos);
                    }

                    throw new JsonSyntaxException("unexpected character " + Quote(c) + ": expected a JSON value", _pos);
            }
        }

        private JsonNode ParseObject(int depth)
        {
            var node = new JsonNode(JsonKind.Object, _pos, _pos) { Properties = new List<JsonProperty>() };
            HashSet<string>? seen = null;
            _pos++;
            SkipWhiteSpace();
            if (Peek() == '}')
            {
                _pos++;
                node.End = _pos;
                return node;
            }

            while (true)
            {
                SkipWhiteSpace();
                if (Peek() != '"')
                {
                    throw new JsonSyntaxException(Peek() == '}' ? "trailing comma before '}'" : "expected a property name in double quotes", _pos);
                }

                int nameStart = _pos;
                string name = ParseString();
                if (node.Properties.Count < 8)
                {
                    foreach (JsonProperty existing in node.Properties)
                    {
                        _keyChecks++;
                        if (existing.Name == name)
                        {
                            throw new JsonSyntaxException("duplicate key \"" + name + "\"", nameStart);
                        }
                    }
                }
                else
                {
                    if (seen is null)
                    {
                        seen = new HashSet<string>(StringComparer.Ordinal);
                        foreach (JsonProperty existing in node.Properties)
                        {
                            seen.Add(existing.Name);
                        }

                        _keyChecks += node.Properties.Count;
                    }

                    _keyChecks++;
                    if (!seen.Add(name))
                    {
                        throw new JsonSyntaxException("duplicate key \"" + name + "\"", nameStart);
                    }
                }

                SkipWhiteSpace();
                Expect(':', "expected ':' after the property name");
                SkipWhiteSpace();
                JsonNode value = ParseValue(depth + 1);
                node.Properties.Add(new JsonProperty(name, nameStart, value));
                SkipWhiteSpace();
                char next = Peek();
                if (next == ',')
                {
                    _pos++;
                    continue;
                }

                if (next == '}')
                {
                    _pos++;
                    node.End = _pos;
                    return node;
                }

                throw new JsonSyntaxException(_pos >= _text.Length ? "unexpected end of the file: missing '}'" : "expected ',' or '}'", _pos);
            }
        }

        private JsonNode ParseArray(int depth)
        {
            var node = new JsonNode(JsonKind.Array, _pos, _pos) { Items = new List<JsonNode>() };
            _pos++;
            SkipWhiteSpace();
            if (Peek() == ']')
            {
                _pos++;
                node.End = _pos;
                return node;
            }

            while (true)
            {
                SkipWhiteSpace();
                if (Peek() == ']')
                {
                    throw new JsonSyntaxException("trailing comma before ']'", _pos);
                }

                node.Items.Add(ParseValue(depth + 1));
                SkipWhiteSpace();
                char next = Peek();
                if (next == ',')
                {
                    _pos++;
                    continue;
                }

                if (next == ']')
                {
                    _pos++;
                    node.End = _pos;
                    return node;
                }

                throw new JsonSyntaxException(_pos >= _text.Length ? "unexpected end of the file: missing ']'" : "expected ',' or ']'", _pos);
            }
        }

        private string ParseString()
        {
            int open = _pos;
            _pos++;
            int runStart = _pos;
            StringBuilder? builder = null;
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw new JsonSyntaxException("unterminated string", open);
                }

                char c = _text[_pos];
                if (c == '"')
                {
                    string result = builder is null
                        ? _text.Substring(runStart, _pos - runStart)
                        : builder.Append(_text, runStart, _pos - runStart).ToString();
                    _pos++;
                    return result;
                }

                if (c < ' ')
                {
                    throw new JsonSyntaxException("control character in a string: write it as an escape", _pos);
                }

                if (c != '\\')
                {
                    _pos++;
                    continue;
                }

                builder ??= new StringBuilder();
                builder.Append(_text, runStart, _pos - runStart);
                _pos++;
                char escape = Peek();
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u':
                        if (_pos + 4 >= _text.Length)
                        {
                            throw new JsonSyntaxException("truncated \\u escape", _pos - 1);
                        }

                        int code = 0;
                        for (int k = 1; k <= 4; k++)
                        {
                            int digit = HexValue(_text[_pos + k]);
                            if (digit < 0)
                            {
                                throw new JsonSyntaxException("invalid \\u escape: expected four hex digits", _pos - 1);
                            }

                            code = (code << 4) | digit;
                        }

                        builder.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        throw new JsonSyntaxException("invalid escape sequence in a string", _pos - 1);
                }

                _pos++;
                runStart = _pos;
            }
        }

        private JsonNode ParseNumber()
        {
            int start = _pos;
            if (Peek() == '-')
            {
                _pos++;
            }

            int integerStart = _pos;
            if (Peek() == '0')
            {
                _pos++;
                if (IsDigit(Peek()))
                {
                    throw new JsonSyntaxException("numbers may not have leading zeros", start);
                }
            }
            else if (IsDigit(Peek()))
            {
                SkipDigits();
            }
            else if (Peek() == 'I')
            {
                _pos = start;
                return ParseNonFinite("-Infinity", double.NegativeInfinity);
            }
            else
            {
                throw new JsonSyntaxException("invalid number", start);
            }

            int integerEnd = _pos;
            if (Peek() == '.')
            {
                _pos++;
                if (!IsDigit(Peek()))
                {
                    throw new JsonSyntaxException("invalid number: expected a digit after '.'", start);
                }

                SkipDigits();
            }

            int fractionEnd = _pos;
            bool hasExponent = Peek() == 'e' || Peek() == 'E';
            if (hasExponent)
            {
                _pos++;
                if (Peek() == '+' || Peek() == '-')
                {
                    _pos++;
                }

                if (!IsDigit(Peek()))
                {
                    throw new JsonSyntaxException("invalid number: expected a digit in the exponent", start);
                }

                SkipDigits();
            }

            if (!hasExponent && TryShortDecimal(start, integerStart, integerEnd, fractionEnd, out double shortValue, out bool canonical))
            {
                return new JsonNode(JsonKind.Number, start, _pos) { Number = shortValue, IsCanonicalNumber = canonical };
            }

            string token = _text.Substring(start, _pos - start);
            _numberCharactersReread += token.Length;
            double value = JsonNumber.Parse(token);
            if (double.IsInfinity(value))
            {
                throw new JsonSyntaxException("number " + Shorten(token) + " is outside the range of a double", start);
            }

            return new JsonNode(JsonKind.Number, start, _pos) { Number = value };
        }

        /// <summary>
        /// A plain decimal of at most 15 significant digits, read without allocating: its digits as an integer below
        /// 2^53, divided by an exact power of ten (at most 10^22), is one correctly rounded operation. It is also the
        /// shortest text of its double (two such decimals cannot round to the same double), so when it is in
        /// ECMAScript's plain range with no redundant zero it is already canonical and can be copied as it stands.
        /// </summary>
        private bool TryShortDecimal(int start, int integerStart, int integerEnd, int fractionEnd, out double value, out bool canonical)
        {
            value = 0;
            canonical = false;
            bool hasFraction = fractionEnd > integerEnd;
            int fractionDigits = hasFraction ? fractionEnd - integerEnd - 1 : 0;
            if (fractionDigits > 22)
            {
                return false;
            }

            long mantissa = 0;
            int significant = 0;
            _numberCharactersReread += fractionEnd - integerStart;
            for (int i = integerStart; i < fractionEnd; i++)
            {
                char c = _text[i];
                if (c == '.')
                {
                    continue;
                }

                if (significant > 0 || c != '0')
                {
                    if (++significant > 15)
                    {
                        return false;
                    }
                }

                mantissa = (mantissa * 10) + (c - '0');
            }

            double magnitude = fractionDigits == 0 ? mantissa : mantissa / JsonNumber.PowerOfTen(fractionDigits);
            value = start < integerStart ? -magnitude : magnitude;
            if (mantissa == 0)
            {
                return true;
            }

            int integerDigits = integerEnd - integerStart;
            bool fractionEndsInZero = hasFraction && _text[fractionEnd - 1] == '0';
            int leadingFractionZeros = 0;
            if (integerDigits == 1 && _text[integerStart] == '0')
            {
                for (int i = integerEnd + 1; i < fractionEnd && _text[i] == '0'; i++)
                {
                    leadingFractionZeros++;
                }
            }

            canonical = !fractionEndsInZero && integerDigits <= 21 && leadingFractionZeros <= 5;
            return true;
        }

        // Python's json module writes NaN and Infinity for non-finite floats. They are read as numbers so that the
        // parameter rule (NG0011) can name the feature and step; the reader's callers decide what they accept.
        private JsonNode ParseNonFinite(string literal, double value)
        {
            JsonNode node = ParseLiteral(literal, JsonKind.Number);
            node.Number = value;
            return node;
        }

        private JsonNode ParseLiteral(string literal, JsonKind kind)
        {
            if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
            {
                throw new JsonSyntaxException("unexpected text: expected a JSON value", _pos);
            }

            var node = new JsonNode(kind, _pos, _pos + literal.Length);
            _pos += literal.Length;
            return node;
        }

        private void SkipWhiteSpace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        private void SkipDigits()
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }

        private void Expect(char c, string message)
        {
            if (Peek() != c)
            {
                throw new JsonSyntaxException(message, _pos);
            }

            _pos++;
        }

        private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static int HexValue(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        private static string Quote(char c) =>
            c < ' ' || c > '~' ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : "'" + c + "'";

        private static string Shorten(string token) => token.Length <= 40 ? token : token.Substring(0, 37) + "...";
    }

    /// <summary>RFC 8785 (JSON Canonicalization Scheme) output and the manifest hash.</summary>
    internal static class CanonicalJson
    {
        public static string Write(JsonNode node, string? skipRootProperty = null) => Write(node, null, skipRootProperty);

        /// <summary>The canonical form of a node parsed from <paramref name="source"/>: canonical number tokens are
        /// copied from it rather than formatted again.</summary>
        public static string Write(JsonNode node, string? source, string? skipRootProperty)
        {
            var builder = new StringBuilder(source?.Length ?? 256);
            Write(node, builder, skipRootProperty, source);
            return builder.ToString();
        }

        public static string Sha256Hex(string canonicalJson)
        {
            using SHA256 sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(canonicalJson));
            var hex = new StringBuilder(64);
            foreach (byte b in hash)
            {
                hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return hex.ToString();
        }

        private static void Write(JsonNode node, StringBuilder output, string? skipProperty, string? source)
        {
            switch (node.Kind)
            {
                case JsonKind.Null: output.Append("null"); break;
                case JsonKind.False: output.Append("false"); break;
                case JsonKind.True: output.Append("true"); break;
                case JsonKind.Number when source is not null && node.IsCanonicalNumber: output.Append(source, node.Start, node.End - node.Start); break;
                case JsonKind.Number: AppendNumber(node.Number, output); break;
                case JsonKind.String: WriteString(node.String!, output); break;
                case JsonKind.Array:
                    output.Append('[');
                    for (int i = 0; i < node.Items!.Count; i++)
                    {
                        if (i > 0)
                        {
                            output.Append(',');
                        }

                        Write(node.Items[i], output, null, source);
                    }

                    output.Append(']');
                    break;
                default:
                    var properties = new List<JsonProperty>(node.Properties!);
                    properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                    output.Append('{');
                    bool first = true;
                    foreach (JsonProperty property in properties)
                    {
                        if (property.Name == skipProperty)
                        {
                            continue;
                        }

                        if (!first)
                        {
                            output.Append(',');
                        }

                        first = false;
                        WriteString(property.Name, output);
                        output.Append(':');
                        Write(property.Value, output, null, source);
                    }

                    output.Append('}');
                    break;
            }
        }

        // Two deviations from RFC 8785. It has no non-finite numbers; they are written as Python writes them, so the hash
        // stays defined. It writes -0 as 0, but a parameter of -0 changes the output for the input -0 (x - (-0) is +0,
        // x - 0 is -0), so manifests that differ only there must not share a hash: -0 stays "-0".
        private static void AppendNumber(double value, StringBuilder output)
        {
            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                output.Append(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
                return;
            }

            if (value == 0d && BitConverter.DoubleToInt64Bits(value) < 0)
            {
                output.Append("-0");
                return;
            }

            JsonNumber.AppendCanonical(output, value);
        }

        public static void WriteString(string value, StringBuilder output)
        {
            output.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': output.Append("\\\""); break;
                    case '\\': output.Append("\\\\"); break;
                    case '\b': output.Append("\\b"); break;
                    case '\f': output.Append("\\f"); break;
                    case '\n': output.Append("\\n"); break;
                    case '\r': output.Append("\\r"); break;
                    case '\t': output.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            output.Append(c);
                        }

                        break;
                }
            }

            output.Append('"');
        }
    }
}
