using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NormGuard.Serialization;

/// <summary>Writes a list of figures (bin shares, bin edges) as a JSON array whose NaN elements are <c>null</c>; reads
/// <c>null</c> elements back as NaN. ±∞ as in <see cref="JsonNaNAsNullConverter"/>.</summary>
public sealed class JsonNaNAsNullListConverter : JsonConverter<IReadOnlyList<double>>
{
    public override IReadOnlyList<double>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of numbers; found {reader.TokenType}.");
        }

        var values = new List<double>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(JsonNaN.Read(ref reader));
        }

        return values.ToArray();
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<double> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (double number in value)
        {
            JsonNaN.Write(writer, number);
        }

        writer.WriteEndArray();
    }
}
