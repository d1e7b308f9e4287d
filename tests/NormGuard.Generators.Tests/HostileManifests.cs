using System.Globalization;
using System.Text;

namespace NormGuard.Generators.Tests;

/// <summary>
/// Large manifests of the shapes that make a careless reader superlinear: shared by <c>LinearWorkTests</c>, which counts
/// the work of reading them, and <c>ManifestParseBenchmarks</c> (tests/NormGuard.Benchmarks), which times it.
/// </summary>
internal static class HostileManifests
{
    public static readonly string[] Shapes =
    [
        "many features", "million-character name", "long number tokens", "deep nesting", "many keys then a duplicate", "many unknown keys",
    ];

    private const string Head = "{\"format\":\"normguard.manifest/1\",\"featureSet\":\"diamonds\",\"version\":3,\"profile\":\"sklearn\",\"fit\":{\"split\":\"train\"},";

    /// <summary>A manifest of about <paramref name="size"/> characters (at least 1 KB) in the given shape; valid or not, the
    /// whole text has to be read to reach a verdict.</summary>
    public static string Build(string shape, int size)
    {
        var text = new StringBuilder(size + 4096).Append(Head);
        switch (shape)
        {
            case "many features":
                // One feature a line, as a saved manifest has them: the line table grows with the features.
                text.Append("\"features\":[");
                for (int i = 0; text.Length < size; i++)
                {
                    text.Append(i == 0 ? "\n  " : ",\n  ").Append("{\"name\":\"f").Append(i)
                        .Append("\",\"steps\":[{\"op\":\"zscore\",\"mean\":0.123456789012345678,\"std\":1.5e-3}],\"stats\":{\"count\":43152,\"quantiles\":[0.2,0.31,5.01e2,-0]}}");
                }

                text.Append("\n]}");
                break;
            case "million-character name":
                // One name of all the space left (a million characters at 1 MB), with an escape every 64 characters so
                // that the unescaping path, not only the plain copy, reads it.
                text.Append("\"features\":[{\"name\":\"");
                int end = size - 40;
                while (text.Length < end)
                {
                    text.Append('n', 58).Append("\\u00e9");
                }

                text.Append("\",\"steps\":[{\"op\":\"passthrough\"}]}]}");
                break;
            case "long number tokens":
                int digits = (size - text.Length) / 2;
                text.Append("\"features\":[{\"name\":\"carat\",\"steps\":[{\"op\":\"zscore\",\"mean\":0.").Append('7', digits)
                    .Append(",\"std\":1").Append('0', digits).Append("e-").Append((size / 2).ToString(CultureInfo.InvariantCulture)).Append("}]}]}");
                break;
            case "deep nesting":
                // Nesting just under the limit (64), repeated: every level is entered and left once.
                text.Append("\"features\":[");
                for (int i = 0; text.Length < size; i++)
                {
                    text.Append(i == 0 ? "" : ",").Append('[', 60).Append("1.5").Append(']', 60);
                }

                text.Append("]}");
                break;
            case "many keys then a duplicate":
                text.Append("\"features\":[{\"name\":\"x\",\"steps\":[{\"op\":\"passthrough\"}],\"stats\":{");
                AppendKeys(text, size);
                text.Append(",\"k0\":0}}]}");
                break;
            case "many unknown keys":
                // Valid JSON, so the reader itself meets the large object: every key is an unknown field of "stats".
                text.Append("\"features\":[{\"name\":\"x\",\"steps\":[{\"op\":\"passthrough\"}],\"stats\":{");
                AppendKeys(text, size);
                text.Append("}}]}");
                break;
            default:
                throw new System.ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape");
        }

        return text.ToString();
    }

    private static void AppendKeys(StringBuilder text, int size)
    {
        for (int keys = 0; text.Length < size; keys++)
        {
            text.Append(keys == 0 ? "" : ",").Append("\"k").Append(keys).Append("\":").Append(keys);
        }
    }
}
