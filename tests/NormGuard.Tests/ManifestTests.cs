using System.Collections.Generic;
using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using NormGuard.Manifests;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tests;

/// <summary>The shared manifest reader, the canonical form and its hash, as the runtime exposes them.</summary>
public sealed class ManifestTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("golden_sklearn_f64.normguard.json")]
    [InlineData("golden_sklearn_f32.normguard.json")]
    [InlineData("golden_onnx.normguard.json")]
    public void Python_written_manifests_hash_identically(string name)
    {
        string text = File.ReadAllText(GoldenFiles.PathOf(name));
        string declared = JsonDocument.Parse(text).RootElement.GetProperty("sha256").GetString()!;
        Manifest manifest = Manifest.Load(GoldenFiles.PathOf(name));
        Assert.Equal(declared, manifest.Sha256);
    }

    [Fact]
    public void Save_then_load_round_trips_and_keeps_the_hash()
    {
        Manifest original = Manifest.Load(GoldenFiles.PathOf("golden_sklearn_f32.normguard.json"));
        string path = Path.Combine(Path.GetTempPath(), $"roundtrip-{Guid.NewGuid():N}.normguard.json");
        try
        {
            original.Save(path);
            Manifest reloaded = Manifest.Load(path);
            Assert.Equal(original.ToJson(), reloaded.ToJson());
            Assert.Equal(reloaded.Sha256, JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("sha256").GetString());
            Assert.Equal(original.Features.Select(f => f.Steps), reloaded.Features.Select(f => f.Steps), new StepsComparer());
            Assert.Equal(DataSplit.Train, reloaded.Fit!.Split);
            Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), reloaded.Fit.FittedAt);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // RFC 8785 but for two numbers: non-finite ones (written as Python writes them) and -0, kept as "-0" (see the next test).
    [Fact]
    public void Canonical_form_is_RFC_8785()
    {
        var manifest = new Manifest
        {
            FeatureSet = "tiny\u0001\"set\"",
            Version = 2,
            Profile = NormalizationProfile.Spark,
            Features =
            [
                new FeatureManifest { Name = "b", Steps = [new ZScoreStep(1e-7, 1e21)] },
                new FeatureManifest { Name = "a", Steps = [new MinMaxStep(-0.0, 100, 0.000001, 1e20)], Missing = MissingValuePolicy.Fill(2.5) },
            ],
        };

        Assert.Equal(
            "{\"dtype\":\"float64\",\"featureSet\":\"tiny\\u0001\\\"set\\\"\",\"features\":[" +
            "{\"missing\":\"error\",\"name\":\"b\",\"steps\":[{\"mean\":1e-7,\"op\":\"zscore\",\"std\":1e+21}]}," +
            "{\"missing\":{\"fill\":2.5},\"name\":\"a\",\"steps\":[{\"clip\":false,\"high\":100000000000000000000,\"low\":0.000001,\"max\":100,\"min\":-0,\"op\":\"minmax\"}]}]," +
            "\"format\":\"normguard.manifest/1\",\"profile\":\"spark\",\"version\":2}",
            manifest.ToCanonicalJson());
        Assert.Equal(64, manifest.Sha256.Length);
    }

    // A scaler's output for the input -0 depends on the sign of a zero offset (x - (-0) is +0, x - 0 is -0), so two
    // manifests that differ only there are different content and must not share a hash (RFC 8785 alone writes both "0").
    [Fact]
    public void A_parameter_of_minus_zero_is_hashed_apart_from_zero()
    {
        static Manifest WithMean(double mean) => new()
        {
            FeatureSet = "signed",
            Version = 1,
            Profile = NormalizationProfile.Onnx,
            DType = ManifestDType.Float32,
            Features = [new FeatureManifest { Name = "x", Steps = [new ZScoreStep(mean, 2)], Missing = MissingValuePolicy.Propagate }],
        };

        Manifest negative = WithMean(-0.0), positive = WithMean(0.0);
        Assert.Contains("\"mean\":-0,", negative.ToCanonicalJson(), StringComparison.Ordinal);
        Assert.Contains("\"mean\":0,", positive.ToCanonicalJson(), StringComparison.Ordinal);
        Assert.NotEqual(positive.Sha256, negative.Sha256);

        // and the sign survives a save and a load, with the hash the saved file records
        string path = Path.Combine(Path.GetTempPath(), "ng-signed-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            negative.Save(path);
            Manifest loaded = Manifest.Load(path);
            Assert.True(double.IsNegative(((ZScoreStep)loaded.Features[0].Steps[0]).Mean));
            Assert.Equal(negative.Sha256, loaded.Sha256);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Numbers_format_as_ECMAScript_does()
    {
        (double Value, string Text)[] cases =
        [
            (0, "0"), (-0.0, "0"), (1, "1"), (0.1, "0.1"), (1e-7, "1e-7"), (1e-6, "0.000001"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"), (1.5e-10, "1.5e-10"), (-2.5e30, "-2.5e+30"), (5e-324, "5e-324"),
            (double.MaxValue, "1.7976931348623157e+308"), (43152, "43152"), (0.30000000000000004, "0.30000000000000004"), (4.35, "4.35"),
        ];
        foreach ((double value, string text) in cases)
        {
            Assert.Equal(text, JsonNumber.FormatCanonical(value));
        }
    }

    [Fact]
    public void Canonical_numbers_round_trip_with_the_fewest_digits_in_ECMAScript_notation()
    {
        var random = new Random(8785);
        var grammar = new System.Text.RegularExpressions.Regex(@"^-?(0|[1-9][0-9]{0,20})(\.[0-9]*[1-9])?$|^-?[1-9](\.[0-9]*[1-9])?e[+-][1-9][0-9]{0,2}$");
        for (int i = 0; i < 200_000; i++)
        {
            double value = (i % 2) == 0
                ? BitConverter.Int64BitsToDouble(random.NextInt64() & 0x7FEF_FFFF_FFFF_FFFF) * (random.Next(2) == 0 ? 1 : -1)
                : Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-9, 24)), random.Next(0, 12));
            string text = JsonNumber.FormatCanonical(value);
            Assert.True(grammar.IsMatch(text) || text == "0", text);
            Assert.Equal(value == 0 ? 0d : value, double.Parse(text, CultureInfo.InvariantCulture));
            Assert.Equal(SignificantDigits(value.ToString("R", CultureInfo.InvariantCulture)), SignificantDigits(text));
        }
    }

    [Fact]
    public void Short_decimals_parse_exactly_and_canonical_tokens_are_copied_unchanged()
    {
        var random = new Random(15);
        var tokens = new List<string> { "0", "-0", "0.0", "-0.0", "100", "1500.25", "0.000001", "0.0000001", "0.10", "123456789012345", "1234567890123456", "999999999999999999999", "1000000000000000000000", "12.5e3" };
        for (int i = 0; i < 100_000; i++)
        {
            string integer = random.Next(4) == 0 ? "0" : random.NextInt64(1, 10_000_000_000).ToString(CultureInfo.InvariantCulture);
            string fraction = random.Next(3) == 0 ? string.Empty : "." + new string('0', random.Next(0, 8)) + random.NextInt64(0, 100_000_000).ToString(CultureInfo.InvariantCulture);
            tokens.Add((random.Next(2) == 0 ? "-" : string.Empty) + integer + fraction);
        }

        string json = "[" + string.Join(",", tokens) + "]";
        JsonNode array = JsonParser.Parse(json);
        for (int i = 0; i < tokens.Count; i++)
        {
            double expected = double.Parse(tokens[i], CultureInfo.InvariantCulture);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(array.Items![i].Number), tokens[i]);
        }

        // Copying a token must give exactly what formatting its value gives.
        Assert.Equal(CanonicalJson.Write(array), CanonicalJson.Write(array, json, null));
    }

    // The digits between the first and last non-zero ones: .NET's "R" is the shortest string that round-trips.
    private static string SignificantDigits(string number) =>
        new string(number.Split('e', 'E')[0].Where(char.IsAsciiDigit).ToArray()).Trim('0');

    [Fact]
    public void Exact_parser_agrees_with_IEEE_correct_parsing_on_a_million_numbers()
    {
        // JsonNumber.ParseExact is what a .NET Framework compiler host uses; .NET 10's double.Parse is IEEE-correct.
        var random = new Random(42);
        int checkedCount = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            string text = (i % 4) switch
            {
                0 => BitConverter.Int64BitsToDouble(random.NextInt64() & 0x7FFF_FFFF_FFFF_FFFF).ToString("R", CultureInfo.InvariantCulture),
                1 => BitConverter.Int64BitsToDouble(random.NextInt64() & 0x7FEF_FFFF_FFFF_FFFF).ToString("E" + random.Next(0, 25), CultureInfo.InvariantCulture),
                2 => RandomDigits(random),
                _ => (random.NextDouble() * Math.Pow(10, random.Next(-30, 30))).ToString("G17", CultureInfo.InvariantCulture),
            };
            if (text.Contains("Infinity", StringComparison.Ordinal) || text.Contains("NaN", StringComparison.Ordinal))
            {
                continue;
            }

            text = text.Replace("E+", "e", StringComparison.Ordinal).Replace("E", "e", StringComparison.Ordinal);
            double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            double actual = JsonNumber.ParseExact(text);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsInfinity(expected) && double.IsInfinity(actual)), $"{text}: {expected:R} != {actual:R}");
            checkedCount++;
        }

        output.WriteLine($"{checkedCount:N0} numbers parsed identically");
    }

    [Theory]
    [InlineData("{\"format\":\"normguard.manifest/1\",\n\"featureSet\":\"x\",\n\"version\":0}", 3, "\"version\" must be a positive integer")]
    [InlineData("[1,2]", 1, "must be a JSON object")]
    [InlineData("{\"format\":\"normguard.manifest/1\",\"featureSet\":\"x\",\"version\":1,\"profile\":\"torch\",\"features\":[]}", 1, "\"profile\" must be one of")]
    [InlineData("{\"a\":1e999}", 1, "outside the range of a double")]
    public void Load_errors_name_file_line_and_column(string text, int line, string message)
    {
        ManifestException error = Assert.Throws<ManifestException>(() => Manifest.Parse(text, "models/x.normguard.json"));
        Assert.Contains(error.Problems, p => p.Line == line && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.StartsWith("models/x.normguard.json(", error.Message, StringComparison.Ordinal);
    }

    private const string MLNetFeatureStart = "{\"format\":\"normguard.manifest/1\",\"featureSet\":\"x\",\"version\":1,\"profile\":\"PROFILE\",\"dtype\":\"float32\",\n\"features\":[{\"name\":\"a\",\"steps\":[STEP],\"missing\":\"propagate\",\n";

    // Expected before running: only "vector", only under profile mlnet, only for numeric steps; each an error on the field's line.
    [Theory]
    [InlineData("mlnet", "{\"op\":\"zscore\",\"mean\":1,\"std\":2}", "\"scalar\"", "\"mlnetColumn\" must be \"vector\"")]
    [InlineData("sklearn", "{\"op\":\"zscore\",\"mean\":1,\"std\":2}", "\"vector\"", "applies only to profile \"mlnet\"")]
    [InlineData("mlnet", "{\"op\":\"passthrough\"}", "\"vector\"", "not to a passthrough step")]
    [InlineData("mlnet", "{\"op\":\"zscore\",\"mean\":1,\"std\":2}", "true", "\"mlnetColumn\" must be \"vector\"")]
    public void MLNet_vector_column_marker_is_checked(string profile, string step, string value, string message)
    {
        string text = MLNetFeatureStart.Replace("PROFILE", profile, StringComparison.Ordinal).Replace("STEP", step, StringComparison.Ordinal) + "\"mlnetColumn\":" + value + "}]}";
        ManifestException error = Assert.Throws<ManifestException>(() => Manifest.Parse(text, "models/x.normguard.json"));
        Assert.Contains(error.Problems, p => p.Line == 3 && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void MLNet_vector_column_marker_round_trips_and_is_absent_for_scalar_columns()
    {
        string text = MLNetFeatureStart.Replace("PROFILE", "mlnet", StringComparison.Ordinal).Replace("STEP", "{\"op\":\"maxabs\",\"maxabs\":4}", StringComparison.Ordinal) + "\"mlnetColumn\":\"vector\"}]}";
        Manifest marked = Manifest.Parse(text);
        Assert.True(marked.Features[0].MLNetVectorColumn);
        Assert.Contains("\"mlnetColumn\":\"vector\"", marked.ToCanonicalJson(), StringComparison.Ordinal);
        Manifest reread = Manifest.Parse(marked.ToJson());
        Assert.True(reread.Features[0].MLNetVectorColumn);
        Assert.Equal(marked.Sha256, reread.Sha256);

        Manifest scalar = Manifest.Parse(MLNetFeatureStart.Replace("PROFILE", "mlnet", StringComparison.Ordinal).Replace("STEP", "{\"op\":\"maxabs\",\"maxabs\":4}", StringComparison.Ordinal)[..^2] + "}]}");
        Assert.False(scalar.Features[0].MLNetVectorColumn);
        Assert.DoesNotContain("mlnetColumn", scalar.ToCanonicalJson(), StringComparison.Ordinal);
        Assert.NotEqual(scalar.Sha256, marked.Sha256);
    }

    private static string RandomDigits(Random random)
    {
        int digits = random.Next(1, 40);
        var text = new System.Text.StringBuilder();
        text.Append((char)('1' + random.Next(9)));
        for (int d = 1; d < digits; d++)
        {
            text.Append((char)('0' + random.Next(10)));
        }

        if (random.Next(2) == 0)
        {
            text.Insert(random.Next(1, text.Length + 1), '.');
            if (text[^1] == '.')
            {
                text.Append('5');
            }
        }

        return text + "e" + random.Next(-345, 310).ToString(CultureInfo.InvariantCulture);
    }

    private sealed class StepsComparer : System.Collections.Generic.IEqualityComparer<System.Collections.Generic.IReadOnlyList<NormalizationStep>>
    {
        public bool Equals(System.Collections.Generic.IReadOnlyList<NormalizationStep>? x, System.Collections.Generic.IReadOnlyList<NormalizationStep>? y) =>
            x!.Count == y!.Count && x.Zip(y).All(p => p.First is OneHotStep a && p.Second is OneHotStep b ? a.Categories.SequenceEqual(b.Categories) && a.Unknown == b.Unknown : p.First.Equals(p.Second));

        public int GetHashCode(System.Collections.Generic.IReadOnlyList<NormalizationStep> obj) => obj.Count;
    }
}
