using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard.Tool.Verification;
using Xunit;

namespace NormGuard.Tool.Tests;

/// <summary>What the import tests share: running an import, the manifest arithmetic (the verify interpreter), float comparison.</summary>
internal static class ImportTestSupport
{
    public const string FittedAt = "2026-11-26T00:00:00Z";

    public static string Golden(string name) => ToolRunner.Repo("tests", "NormGuard.Tests", "Golden", name);

    public static string Data(params string[] parts) => ToolRunner.Repo(new[] { "tests", "NormGuard.Tool.Tests", "Data" }.Concat(parts).ToArray());

    /// <summary>Runs <c>normguard import &lt;args&gt;</c> and loads the manifest it wrote; fails the test on a non-zero exit.</summary>
    public static Manifest Import(Action<string> log, string output, params string[] args)
    {
        ToolResult result = ToolRunner.Run(["import", .. args, "--out", output, "--fitted-at", FittedAt]);
        log(result.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        return Manifest.Load(output);
    }

    /// <summary>The manifest's output for one numeric input of feature <paramref name="feature"/>, with the arithmetic the generated code runs.</summary>
    public static float Normalize(ManifestInterpreter interpreter, int feature, double input)
    {
        Span<float> destination = stackalloc float[1];
        interpreter.Normalize(interpreter.Features[feature], FeatureValue.Of(input), destination);
        return destination[0];
    }

    /// <summary>Same bits, or both NaN (no library promises a NaN payload).</summary>
    public static bool SameFloat(float expected, float actual) =>
        BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual));

    public static string Bits(float value) => string.Create(CultureInfo.InvariantCulture, $"{value:R} (0x{BitConverter.SingleToInt32Bits(value):x8})");

    /// <summary>Python's repr of a float: shortest round-trip digits, or nan / inf / -inf.</summary>
    public static double ParseDouble(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>A CSV with a header and no quoted cells (the fixtures' format), as rows of name → text.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            string[] cells = l.Split(',');
            Assert.Equal(header.Length, cells.Length);
            return header.Select((h, i) => (h, cells[i])).ToDictionary(p => p.h, p => p.Item2, StringComparer.Ordinal);
        }).ToList();
    }

    /// <summary>Random floats of every magnitude plus the special values, for comparing arithmetic.</summary>
    public static float[] Inputs(Random random, int count, float center, float spread)
    {
        float[] specials =
        [
            0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -float.MaxValue, float.Epsilon, -float.Epsilon,
            1.17549435e-38f, 1f, -1f, center, MathF.BitIncrement(center), MathF.BitDecrement(center), center + spread, center - spread, 1e30f, -1e30f,
        ];
        var values = new List<float>(specials);
        while (values.Count < count)
        {
            double u = random.NextDouble();
            values.Add(random.Next(4) switch
            {
                0 => center + (spread * (float)((u * 6) - 3)),
                1 => center + (spread * (float)((u * 2) - 1) * MathF.Pow(10, random.Next(0, 7))),
                2 => (float)((u - 0.5) * Math.Pow(10, random.Next(-40, 39))),
                _ => BitConverter.Int32BitsToSingle(random.Next()) * (random.Next(2) == 0 ? 1 : -1),
            });
        }

        return values.ToArray();
    }
}
