using System;
using System.Globalization;
using System.Text.Json;

namespace NormGuard.Tool.Fitting.Partials;

/// <summary>
/// Numbers in a partial file: finite doubles in shortest round-trip form (so the value read back is the same double,
/// −0 included), infinities as the strings "Infinity" and "-Infinity" (JSON has no literal for them), a missing value as
/// null.
/// </summary>
internal static class PartialNumbers
{
    public static void Write(Utf8JsonWriter json, double value)
    {
        if (double.IsNaN(value))
        {
            json.WriteNullValue();
        }
        else if (double.IsInfinity(value))
        {
            json.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            json.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
    }

    /// <summary>Reads a number written by <see cref="Write"/>; null reads as NaN (missing).</summary>
    public static double Read(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => double.NaN,
        JsonValueKind.Number => double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.String when element.GetString() == "Infinity" => double.PositiveInfinity,
        JsonValueKind.String when element.GetString() == "-Infinity" => double.NegativeInfinity,
        _ => throw new FormatException($"{element.GetRawText()} is not a number"),
    };
}
