using System;
using System.Globalization;
using System.Text;
using NormGuard.Manifests;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>
/// Reading vector features takes work in proportion to the text (SPEC §9), as <c>LinearWorkTests</c> (generator tests)
/// checks for the scalar shapes: counted, never timed. The shapes: one very wide vector whose every parameter array is
/// checked against the running dimension and hashed for the space, a wide PCA matrix, and many small vector features.
/// </summary>
public sealed class VectorManifestLinearWorkTests(ITestOutputHelper output)
{
    private static readonly int[] Sizes = [100 << 10, 1 << 20, 4 << 20];

    private const string Head = "{\"format\":\"normguard.manifest/1\",\"featureSet\":\"docs\",\"version\":1,\"profile\":\"sklearn\",\"dtype\":\"float32\",\"features\":[";

    [Theory]
    [InlineData("wide vector")]
    [InlineData("wide pca")]
    [InlineData("many vector features")]
    public void Reading_vector_features_grows_in_proportion_to_the_text(string shape)
    {
        string tiny = Build(shape, 1 << 10);
        Read(tiny);
        long baseline = Read(tiny).Bytes;
        (ManifestReadWork Work, double BytesPerCharacter)? smaller = null;
        foreach (int size in Sizes)
        {
            string text = Build(shape, size);
            (ManifestReadWork work, long bytes, bool succeeded) = Read(text);
            double perCharacter = (double)(bytes - baseline) / (text.Length - tiny.Length);
            output.WriteLine($"{shape}, {text.Length:N0} chars: {work}, {perCharacter:F2} bytes a character");

            // valid, so every value was checked and hashed: a read that stopped early would make the counts meaningless
            Assert.True(succeeded, shape);
            if (smaller is var (previous, previousPerCharacter))
            {
                Level(shape, "values", previous.Values, previous.TextLength, work.Values, work.TextLength);
                Level(shape, "duplicate-key checks", previous.KeyChecks, previous.TextLength, work.KeyChecks, work.TextLength);
                Level(shape, "number characters read again", previous.NumberCharactersReread, previous.TextLength, work.NumberCharactersReread, work.TextLength);
                Level(shape, "characters scanned for line starts", previous.LineScanCharacters, previous.TextLength, work.LineScanCharacters, work.TextLength);
                Level(shape, "line-table lookups", previous.PositionLookups, previous.TextLength, work.PositionLookups, work.TextLength);
                Level(shape, "properties visited", previous.PropertiesVisited, previous.TextLength, work.PropertiesVisited, work.TextLength);
                Assert.True(
                    perCharacter <= previousPerCharacter * 1.5,
                    string.Create(CultureInfo.InvariantCulture, $"{shape}: {perCharacter:F2} bytes a character at {text.Length:N0} against {previousPerCharacter:F2} at a smaller size"));
            }

            smaller = (work, perCharacter);
        }
    }

    private static (ManifestReadWork Work, long Bytes, bool Succeeded) Read(string text)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        ManifestReadResult result = ManifestReader.Read(text, template: false, out _, out ManifestReadWork work);
        return (work, GC.GetAllocatedBytesForCurrentThread() - before, result.Succeeded);
    }

    private static void Level(string shape, string count, long smaller, long smallerLength, long larger, long largerLength)
    {
        double allowed = (smaller * 1.1 * largerLength / smallerLength) + 64;
        Assert.True(larger <= allowed, string.Create(CultureInfo.InvariantCulture, $"{shape}: {larger:N0} {count} for {largerLength:N0} characters against {smaller:N0} for {smallerLength:N0}"));
    }

    private static string Build(string shape, int size)
    {
        var text = new StringBuilder(size + 1024).Append(Head);
        switch (shape)
        {
            case "wide vector":
                // center and zscore over n dimensions: three arrays of n numbers of 12 characters each
                int n = Math.Max(1, (size - 400) / 36);
                AppendSpace(text, "Wide", n, n).Append("\"steps\":[{\"op\":\"center\",\"mean\":");
                Numbers(text, n, 0).Append("},{\"op\":\"zscore\",\"mean\":");
                Numbers(text, n, 1).Append(",\"std\":");
                Numbers(text, n, 2).Append("},{\"op\":\"l2\"}]}");
                break;
            case "wide pca":
                // k = 8 rows of d values
                int d = Math.Max(8, (size - 400) / (12 * 9));
                AppendSpace(text, "Pca", d, 8).Append("\"steps\":[{\"op\":\"pca\",\"mean\":");
                Numbers(text, d, 0).Append(",\"components\":[");
                for (int row = 0; row < 8; row++)
                {
                    Numbers(text.Append(row == 0 ? "" : ","), d, row + 1);
                }

                text.Append("],\"explainedVariance\":[8,7,6,5,4,3,2,1],\"whiten\":true}]}");
                break;
            default:
                for (int i = 0; text.Length < size; i++)
                {
                    AppendSpace(text.Append(i == 0 ? "\n" : ",\n"), "E" + i.ToString(CultureInfo.InvariantCulture), 4, 4)
                        .Append("\"steps\":[{\"op\":\"center\",\"mean\":[0.5,-1,0,2]},{\"op\":\"l2\",\"epsilon\":1e-12}],\"stats\":{\"count\":5,\"norm\":{\"min\":1,\"max\":2},\"meanVector\":[1,2,3,4]}}");
                }

                break;
        }

        return text.Append("]}").ToString();
    }

    private static StringBuilder AppendSpace(StringBuilder text, string name, int native, int dimension) =>
        text.Append("{\"name\":\"").Append(name).Append("\",\"space\":{\"name\":\"s-").Append(name).Append("\",\"model\":\"m\",\"nativeDimension\":")
            .Append(native.ToString(CultureInfo.InvariantCulture)).Append(",\"dimension\":").Append(dimension.ToString(CultureInfo.InvariantCulture)).Append("},");

    private static StringBuilder Numbers(StringBuilder text, int count, int seed)
    {
        text.Append('[');
        for (int i = 0; i < count; i++)
        {
            // positive, finite, 11 characters and a comma
            text.Append(i == 0 ? "" : ",").Append("0.").Append(((((long)i * 7919) + (seed * 104729)) % 899_999_999) + 100_000_000);
        }

        return text.Append(']');
    }
}
