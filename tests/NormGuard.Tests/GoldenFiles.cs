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

    /// <summary>Rows of the golden_sklearn_f64 feature set from a CSV with one column per input feature.</summary>
    public static SklearnF64Row[] SklearnF64Rows(List<Dictionary<string, string>> rows) => rows.Select(v => new SklearnF64Row
    {
        Z = ParseDouble(v["Z"]), ZConst = ParseDouble(v["ZConst"]), ZEpoch = ParseDouble(v["ZEpoch"]), ZTiny = ParseDouble(v["ZTiny"]),
        M = ParseDouble(v["M"]), MClip = ParseDouble(v["MClip"]), MConst = ParseDouble(v["MConst"]), A = ParseDouble(v["A"]),
        R = ParseDouble(v["R"]), R1090 = ParseDouble(v["R1090"]), L1Z = ParseDouble(v["L1Z"]), LZ = ParseDouble(v["LZ"]), ZC = ParseDouble(v["ZC"]),
        Cat = v["Cat"], Code = int.Parse(v["Code"], CultureInfo.InvariantCulture), P = ParseDouble(v["P"]),
    }).ToArray();

    /// <summary>Rows of the golden_sklearn_f32 feature set: the same columns, parsed as float32.</summary>
    public static SklearnF32Row[] SklearnF32Rows(List<Dictionary<string, string>> rows) => rows.Select(v => new SklearnF32Row
    {
        Z = ParseFloat(v["Z"]), ZConst = ParseFloat(v["ZConst"]), ZEpoch = ParseFloat(v["ZEpoch"]), ZTiny = ParseFloat(v["ZTiny"]),
        M = ParseFloat(v["M"]), MClip = ParseFloat(v["MClip"]), MConst = ParseFloat(v["MConst"]), A = ParseFloat(v["A"]),
        R = ParseFloat(v["R"]), R1090 = ParseFloat(v["R1090"]), L1Z = ParseFloat(v["L1Z"]), LZ = ParseFloat(v["LZ"]), ZC = ParseFloat(v["ZC"]),
        Cat = v["Cat"], Code = int.Parse(v["Code"], CultureInfo.InvariantCulture), P = ParseFloat(v["P"]),
    }).ToArray();

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
