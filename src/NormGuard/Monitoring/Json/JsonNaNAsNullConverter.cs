using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NormGuard.Serialization;

/// <summary>Writes a <see cref="double"/> figure that may be undefined (NaN) as <c>null</c>, so that a
/// <see cref="DriftReport"/> serializes with System.Text.Json's default options in every state; reads <c>null</c> back
/// as NaN. ±∞ are written as <c>"Infinity"</c> and <c>"-Infinity"</c> and read back as such.</summary>
public sealed class JsonNaNAsNullConverter : JsonConverter<double>
{
    /// <summary>Null tokens come to this converter (they are NaN), not to the serializer's default for a value type.</summary>
    public override bool HandleNull => true;

    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => JsonNaN.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => JsonNaN.Write(writer, value);
}

/// <summary>Writes a <see cref="Nullable{Double}"/> figure as <c>null</c> when it is null or NaN; reads <c>null</c> back as
/// null. ±∞ as in <see cref="JsonNaNAsNullConverter"/>.</summary>
public sealed class JsonNullableNaNAsNullConverter : JsonConverter<double?>
{
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : JsonNaN.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is double number)
        {
            JsonNaN.Write(writer, number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
