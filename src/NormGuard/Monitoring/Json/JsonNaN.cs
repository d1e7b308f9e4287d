using System;
using System.Globalization;
using System.Text.Json;

namespace NormGuard.Serialization;

/// <summary>How a report's figures are written: a finite number as a JSON number, NaN (an undefined figure: PSI of an
/// empty window) as <c>null</c>, ±∞ (only a threshold set that way) as the strings <c>"Infinity"</c> and
/// <c>"-Infinity"</c>, System.Text.Json's own named literals. Read back, <c>null</c> is NaN again.</summary>
internal static class JsonNaN
{
    public static void Write(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else if (double.IsNaN(value))
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(double.IsPositiveInfinity(value) ? "Infinity" : "-Infinity");
        }
    }

    public static double Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return double.NaN;
            case JsonTokenType.Number:
                return reader.GetDouble();
            case JsonTokenType.String:
                string? text = reader.GetString();
                return text switch
                {
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    "NaN" => double.NaN,
                    _ => throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Expected a number, null, \"Infinity\" or \"-Infinity\"; found the string \"{text}\".")),
                };
            default:
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Expected a number, null, \"Infinity\" or \"-Infinity\"; found {reader.TokenType}."));
        }
    }
}
