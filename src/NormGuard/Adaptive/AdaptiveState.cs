using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace NormGuard;

/// <summary>
/// Everything an <see cref="AdaptiveNormalizer{T}"/> has learned — the parameters in force, their generation, every
/// decayed accumulator, the jump detector's sums, which features are frozen — so that a service can restart where it
/// stopped (<see cref="AdaptiveNormalizer{T}.Restore"/>) and continue exactly as if it had never stopped. It is not a
/// manifest: <see cref="AdaptiveNormalizer{T}.Snapshot()"/> writes the parameters for reproducing predictions; this
/// file is for resuming. It records the manifest and the options it was learned with, and restoring refuses any other.
/// </summary>
/// <remarks>Save it as <c>&lt;featureSet&gt;.normguard-state.json</c> (<see cref="FileName"/>): the name does not end in
/// <c>.normguard.json</c>, so NormGuard's build never takes it for a manifest among the AdditionalFiles.</remarks>
public sealed class AdaptiveState
{
    /// <summary>The <c>format</c> this version writes and reads.</summary>
    public const string Format = "normguard.adaptive-state/1";

    internal AdaptiveState(string featureSet, int manifestVersion, string manifestSha256, Settings options, long rows, long generation, long parameterRows, DateTimeOffset? appliedAt, IReadOnlyList<Tracker> trackers)
    {
        FeatureSet = featureSet;
        ManifestVersion = manifestVersion;
        ManifestSha256 = manifestSha256;
        Options = options;
        Rows = rows;
        Generation = generation;
        ParameterRows = parameterRows;
        AppliedAt = appliedAt;
        Trackers = trackers;
    }

    /// <summary>The feature set whose manifest the normalizer started from.</summary>
    public string FeatureSet { get; }

    /// <summary>That manifest's version.</summary>
    public int ManifestVersion { get; }

    /// <summary>That manifest's <c>sha256</c>: a state resumes only on the manifest it was learned from.</summary>
    public string ManifestSha256 { get; }

    /// <summary>Rows observed when the state was saved.</summary>
    public long Rows { get; }

    /// <summary>The parameter generation in force when the state was saved.</summary>
    public long Generation { get; }

    internal Settings Options { get; }

    internal long ParameterRows { get; }

    internal DateTimeOffset? AppliedAt { get; }

    internal IReadOnlyList<Tracker> Trackers { get; }

    /// <summary>The conventional file name, <c>&lt;featureSet&gt;.normguard-state.json</c>.</summary>
    public static string FileName(string featureSet) => featureSet + ".normguard-state.json";

    /// <summary>Reads a state file; <see cref="InvalidDataException"/> names the file, and the line and byte or the
    /// field at fault.</summary>
    public static AdaptiveState Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads a state from JSON text; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The text is not JSON, not this format, or a field is missing or wrong.</exception>
    public static AdaptiveState Parse(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        string source = sourceName ?? "adaptive state";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{source}: line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}: not valid JSON ({error.Message})"), error);
        }

        using (document)
        {
            var reader = new StateReader(source);
            return reader.Read(document.RootElement);
        }
    }

    /// <summary>Writes <see cref="ToJson"/> as UTF-8 without a byte-order mark.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    /// <summary>Indented JSON; every number is written so that it reads back to the same bits.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteString("featureSet", FeatureSet);
            writer.WriteNumber("manifestVersion", ManifestVersion);
            writer.WriteString("manifestSha256", ManifestSha256);
            writer.WriteStartObject("options");
            Number(writer, "halfLifeRows", Options.HalfLifeRows);
            writer.WriteNumber("stepRows", Options.StepRows);
            Number(writer, "maxStepStd", Options.MaxStepStd);
            Number(writer, "freezeMeanShift", Options.FreezeMeanShift);
            Number(writer, "freezeScaleRatio", Options.FreezeScaleRatio);
            Number(writer, "jumpShiftStd", Options.JumpShiftStd);
            Number(writer, "jumpThreshold", Options.JumpThreshold);
            writer.WriteEndObject();
            writer.WriteNumber("rows", Rows);
            writer.WriteNumber("generation", Generation);
            writer.WriteNumber("parameterRows", ParameterRows);
            if (AppliedAt is { } at)
            {
                writer.WriteString("appliedAt", at.ToString("O", CultureInfo.InvariantCulture));
            }
            else
            {
                writer.WriteNull("appliedAt");
            }

            writer.WriteStartArray("features");
            foreach (Tracker t in Trackers)
            {
                writer.WriteStartObject();
                writer.WriteString("name", t.Name);
                writer.WriteString("op", t.Op);
                (string first, string second) = t.Op == "minmax" ? ("min", "max") : ("mean", "std");
                Number(writer, first, t.First);
                Number(writer, second, t.Second);
                writer.WriteBoolean("frozen", t.Frozen);
                Number(writer, "decayedMean", t.Mean);
                Number(writer, "decayedVariance", t.Variance);
                Number(writer, "decayedMin", t.Min);
                Number(writer, "decayedMax", t.Max);
                Number(writer, "cusumUp", t.CusumUp);
                Number(writer, "cusumDown", t.CusumDown);
                writer.WriteNumber("runUp", t.RunUp);
                writer.WriteNumber("runDown", t.RunDown);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    // JSON has no NaN or infinity (the detector's threshold may be +∞ when it is turned off): those are strings.
    private static void Number(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, value.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The options that shape what is learned (not the clock).</summary>
    internal sealed record Settings(double HalfLifeRows, int StepRows, double MaxStepStd, double FreezeMeanShift, double FreezeScaleRatio, double JumpShiftStd, double JumpThreshold)
    {
        public static Settings From(AdaptiveOptions o) => new(o.HalfLifeRows, o.StepRows, o.MaxStepStd, o.FreezeMeanShift, o.FreezeScaleRatio, o.JumpShiftStd, o.JumpThreshold);

        /// <summary>The options that differ, in words; empty when none.</summary>
        public string Differences(Settings other)
        {
            var parts = new List<string>();
            Compare(parts, nameof(HalfLifeRows), HalfLifeRows, other.HalfLifeRows);
            Compare(parts, nameof(StepRows), StepRows, other.StepRows);
            Compare(parts, nameof(MaxStepStd), MaxStepStd, other.MaxStepStd);
            Compare(parts, nameof(FreezeMeanShift), FreezeMeanShift, other.FreezeMeanShift);
            Compare(parts, nameof(FreezeScaleRatio), FreezeScaleRatio, other.FreezeScaleRatio);
            Compare(parts, nameof(JumpShiftStd), JumpShiftStd, other.JumpShiftStd);
            Compare(parts, nameof(JumpThreshold), JumpThreshold, other.JumpThreshold);
            return string.Join("; ", parts);
        }

        private static void Compare(List<string> parts, string name, double saved, double given)
        {
            if (!saved.Equals(given))
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{name} was {saved:R}, is {given:R}"));
            }
        }
    }

    /// <summary>One adapted feature: the step in force (z-score mean and std, or min-max min and max) and every accumulator.</summary>
    internal sealed record Tracker(string Name, string Op, double First, double Second, bool Frozen, double Mean, double Variance, double Min, double Max, double CusumUp, double CusumDown, long RunUp, long RunDown);

    private sealed class StateReader(string source)
    {
        public AdaptiveState Read(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "the document");
            string format = Text(root, "format", "format");
            if (format != Format)
            {
                throw Error($"format is '{format}', expected '{Format}' (an adaptive state file, not a manifest: AdaptiveNormalizer<T>.SaveState writes it)");
            }

            JsonElement options = Member(root, "options", "options");
            Expect(options, JsonValueKind.Object, "options");
            var settings = new Settings(
                Real(options, "halfLifeRows", "options.halfLifeRows"),
                (int)Long(options, "stepRows", "options.stepRows"),
                Real(options, "maxStepStd", "options.maxStepStd"),
                Real(options, "freezeMeanShift", "options.freezeMeanShift"),
                Real(options, "freezeScaleRatio", "options.freezeScaleRatio"),
                Real(options, "jumpShiftStd", "options.jumpShiftStd"),
                Real(options, "jumpThreshold", "options.jumpThreshold"));
            JsonElement appliedAt = Member(root, "appliedAt", "appliedAt");
            DateTimeOffset? applied = null;
            if (appliedAt.ValueKind != JsonValueKind.Null)
            {
                applied = DateTimeOffset.TryParseExact(Text(root, "appliedAt", "appliedAt"), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset at)
                    ? at
                    : throw Error("appliedAt is not an ISO 8601 round-trip timestamp");
            }

            JsonElement features = Member(root, "features", "features");
            Expect(features, JsonValueKind.Array, "features");
            var trackers = new List<Tracker>();
            int index = 0;
            foreach (JsonElement f in features.EnumerateArray())
            {
                string at = string.Create(CultureInfo.InvariantCulture, $"features[{index++}]");
                Expect(f, JsonValueKind.Object, at);
                string op = Text(f, "op", at + ".op");
                (string first, string second) = op switch
                {
                    "zscore" => ("mean", "std"),
                    "minmax" => ("min", "max"),
                    _ => throw Error($"{at}.op is '{op}'; only zscore and minmax features adapt"),
                };
                trackers.Add(new Tracker(
                    Text(f, "name", at + ".name"), op,
                    Real(f, first, $"{at}.{first}"), Real(f, second, $"{at}.{second}"),
                    Bool(f, "frozen", at + ".frozen"),
                    Real(f, "decayedMean", at + ".decayedMean"), Real(f, "decayedVariance", at + ".decayedVariance"),
                    Real(f, "decayedMin", at + ".decayedMin"), Real(f, "decayedMax", at + ".decayedMax"),
                    Real(f, "cusumUp", at + ".cusumUp"), Real(f, "cusumDown", at + ".cusumDown"),
                    Long(f, "runUp", at + ".runUp"), Long(f, "runDown", at + ".runDown")));
            }

            return new AdaptiveState(
                Text(root, "featureSet", "featureSet"), (int)Long(root, "manifestVersion", "manifestVersion"), Text(root, "manifestSha256", "manifestSha256"),
                settings, Long(root, "rows", "rows"), Long(root, "generation", "generation"), Long(root, "parameterRows", "parameterRows"), applied, trackers);
        }

        private JsonElement Member(JsonElement parent, string name, string path) =>
            parent.TryGetProperty(name, out JsonElement value) ? value : throw Error($"{path} is missing");

        private string Text(JsonElement parent, string name, string path)
        {
            JsonElement value = Member(parent, name, path);
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"{path} must be a string, not {value.ValueKind}");
        }

        private bool Bool(JsonElement parent, string name, string path)
        {
            JsonElement value = Member(parent, name, path);
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Error($"{path} must be true or false, not {value}");
        }

        private long Long(JsonElement parent, string name, string path)
        {
            JsonElement value = Member(parent, name, path);
            return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) && n >= 0 ? n : throw Error($"{path} must be a non-negative integer, not {value}");
        }

        private double Real(JsonElement parent, string name, string path)
        {
            JsonElement value = Member(parent, name, path);
            if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d))
            {
                return d;
            }

            return value.ValueKind == JsonValueKind.String && value.GetString() switch
            {
                "NaN" => double.NaN,
                "Infinity" => double.PositiveInfinity,
                "-Infinity" => double.NegativeInfinity,
                _ => (double?)null,
            } is double special
                ? special
                : throw Error($"{path} must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), not {value}");
        }

        private void Expect(JsonElement element, JsonValueKind kind, string path)
        {
            if (element.ValueKind != kind)
            {
                throw Error($"{path} must be a JSON {kind.ToString().ToLowerInvariant()}, not {element.ValueKind.ToString().ToLowerInvariant()}");
            }
        }

        private InvalidDataException Error(string message) => new($"{source}: {message}");
    }
}
