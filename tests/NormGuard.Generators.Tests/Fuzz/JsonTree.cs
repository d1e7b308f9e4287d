using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NormGuard.Generators.Tests.Fuzz;

/// <summary>
/// A deliberately permissive JSON tree for building hostile manifests: objects may hold a key twice and number
/// tokens are raw text, so a mutation can write what no serializer would (NaN, 1e999, -0, 01).
/// </summary>
internal abstract class J
{
    public abstract J Clone();
}

internal sealed class JObj : J
{
    public List<KeyValuePair<string, J>> Members { get; } = [];

    public JObj Add(string key, J value)
    {
        Members.Add(new(key, value));
        return this;
    }

    public override J Clone()
    {
        var copy = new JObj();
        copy.Members.AddRange(Members.Select(m => new KeyValuePair<string, J>(m.Key, m.Value.Clone())));
        return copy;
    }
}

internal sealed class JArr(IEnumerable<J> items) : J
{
    public List<J> Items { get; } = [.. items];

    public override J Clone() => new JArr(Items.Select(i => i.Clone()));
}

internal sealed class JStr(string value) : J
{
    public string Value { get; set; } = value;

    public override J Clone() => new JStr(Value);
}

/// <summary>A literal token written as it stands: a number, true, false, null, or anything a mutation puts there.</summary>
internal sealed class JRaw(string token) : J
{
    public string Token { get; set; } = token;

    public static JRaw Number(double value) => new(value.ToString("R", CultureInfo.InvariantCulture));

    public static JRaw Number(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    public static JRaw Bool(bool value) => new(value ? "true" : "false");

    public override J Clone() => new JRaw(Token);
}

/// <summary>How a tree is laid out as text: the layout must never change the verdict, only the reported positions.</summary>
internal sealed record JsonLayout(bool Indented, string NewLine, bool EscapeNonAscii)
{
    public static readonly JsonLayout Compact = new(false, "\n", false);

    public string Write(J node)
    {
        var builder = new StringBuilder();
        Write(node, builder, 0);
        return builder.ToString();
    }

    private void Write(J node, StringBuilder output, int depth)
    {
        switch (node)
        {
            case JRaw raw:
                output.Append(raw.Token);
                break;
            case JStr str:
                WriteString(str.Value, output);
                break;
            case JArr array:
                output.Append('[');
                for (int i = 0; i < array.Items.Count; i++)
                {
                    output.Append(i == 0 ? string.Empty : ",");
                    Break(output, depth + 1);
                    Write(array.Items[i], output, depth + 1);
                }

                if (array.Items.Count > 0)
                {
                    Break(output, depth);
                }

                output.Append(']');
                break;
            case JObj obj:
                output.Append('{');
                for (int i = 0; i < obj.Members.Count; i++)
                {
                    output.Append(i == 0 ? string.Empty : ",");
                    Break(output, depth + 1);
                    WriteString(obj.Members[i].Key, output);
                    output.Append(Indented ? ": " : ":");
                    Write(obj.Members[i].Value, output, depth + 1);
                }

                if (obj.Members.Count > 0)
                {
                    Break(output, depth);
                }

                output.Append('}');
                break;
        }
    }

    private void Break(StringBuilder output, int depth)
    {
        if (Indented)
        {
            output.Append(NewLine).Append(' ', 2 * depth);
        }
    }

    private void WriteString(string value, StringBuilder output)
    {
        output.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                default:
                    // Lone surrogates and control characters must be escaped to stay valid; other characters are
                    // written raw or escaped at random (both mean the same string).
                    if (c < ' ' || char.IsSurrogate(c) || (EscapeNonAscii && c > '~'))
                    {
                        output.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
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
