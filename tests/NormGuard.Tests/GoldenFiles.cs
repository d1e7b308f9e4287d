using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using nietras.SeparatedValues;

namespace NormGuard.Tests;

/// <summary>Reads the committed golden files (made by the Python scripts beside them; CI never runs Python).</summary>
internal static class GoldenFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    public static List<Dictionary<string, string>> ReadCsv(string name)
    {
        var rows = new List<Dictionary<string, string>>();
        using SepReader reader = Sep.Reader(o => o with { Unescape = true }).FromFile(PathOf(name));
        string[] header = reader.Header.ColNames.ToArray();
        foreach (SepReader.Row row in reader)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length; i++)
            {
                values[header[i]] = row[i].ToString();
            }

            rows.Add(values);
        }

        return rows;
    }

    /// <summary>Python's repr of a float: shortest round-trip digits, or nan / inf / -inf.</summary>
    public static double ParseDouble(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public static float ParseFloat(string text) => text switch
    {
        "nan" => float.NaN,
        "inf" => float.PositiveInfinity,
        "-inf" => float.NegativeInfinity,
        _ => float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Same bits, or both NaN (numpy does not promise a NaN payload).</summary>
    public static bool SameFloat(float expected, float actual) =>
        BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual));
}
