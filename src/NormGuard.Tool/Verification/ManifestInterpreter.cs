using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGuard.Internal;
using NormGuard.Manifests;

namespace NormGuard.Tool.Verification;

internal enum FeatureKind
{
    Numeric,
    OneHot,
    Passthrough,

    /// <summary>A vector (embedding) feature: <see cref="FeatureProgram.Vector"/> holds its program.</summary>
    Vector,
}

/// <summary>One manifest feature as the generator binds it: its outputs and its scalar program.</summary>
internal sealed record FeatureProgram(string Name, int Offset, int Width, FeatureKind Kind, Precision Precision, ArithStep[] Ops)
{
    public IReadOnlyList<string> Categories { get; init; } = Array.Empty<string>();

    public bool UnknownAllZeros { get; init; }

    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.Error;

    /// <summary>A vector feature's program; null for a scalar feature.</summary>
    public VectorProgram? Vector { get; init; }

    /// <summary>How many input values the feature reads: a vector's native dimension, else 1.</summary>
    public int InputWidth => Vector?.NativeDimension ?? 1;
}

/// <summary>One input value of a feature: missing (a <c>null</c> member), a number (NaN counts as missing), a category's
/// text, or a vector's values (a present vector; NaN elements are values, as in a <c>float[]</c>).</summary>
internal readonly record struct FeatureValue(bool IsMissing, double Number, string? Text)
{
    public float[]? Vector { get; init; }

    public static FeatureValue MissingValue => new(true, double.NaN, null);

    public static FeatureValue Of(float[] vector) => new(false, double.NaN, null) { Vector = vector };

    public static FeatureValue Of(double number) => new(false, number, null);

    public static FeatureValue Of(string text) => new(false, double.NaN, text);
}

/// <summary>The input cannot be normalized: the generated code would throw (missing under "error", unknown category under "error").</summary>
internal sealed class InterpreterRejection(string message) : Exception(message);

/// <summary>
/// A reference interpreter of a manifest: applies each feature's steps with exactly the arithmetic the NormGuard source
/// generator emits for it — the derived offsets and scales, precision, operation order and identity elimination come
/// from the generator's own derivation (src/Shared/ProfileArithmetic.cs, compiled into both), run by
/// <see cref="StepProgram"/> as <c>Emit/RowEmitter.cs</c> writes them (<see cref="NormMath"/> for log1p and log, clip
/// bounds); one-hot with its unknown and missing policies, passthrough and missing-value policies are reproduced here —
/// so that <c>normguard verify</c> can check fixed vectors without a compiled record. A vector (embedding) feature runs
/// as <see cref="VectorProgram"/>: the generator's binder and the kernels the generated code calls, with the checks of
/// <c>Emit/VectorEmitter.cs</c> (missing, length, non-finite). A change to how RowEmitter or VectorEmitter writes a
/// program or a policy must be made here too; the golden vectors test and the generated-code test keep both honest.
/// </summary>
internal sealed class ManifestInterpreter
{
    public ManifestInterpreter(Manifest manifest)
    {
        Manifest = manifest;
        ProfileName = Commands.Options.ProfileName(manifest.Profile);
        Float32Data = manifest.DType == ManifestDType.Float32;
        Precision = StepProgram.PrecisionOf(manifest.Profile, manifest.DType);
        var features = new List<FeatureProgram>();
        var columns = new List<string>();
        foreach (FeatureManifest feature in manifest.Features)
        {
            FeatureProgram program = feature.IsVector ? BindVector(feature, columns.Count) : Bind(feature, columns.Count);
            features.Add(program);
            if (program.Kind == FeatureKind.Vector)
            {
                // The generated OutputColumns: Feature[0], Feature[1], … (the dimension after the steps).
                columns.AddRange(Enumerable.Range(0, program.Width).Select(i => ElementName(feature.Name, i)));
            }
            else if (program.Kind == FeatureKind.OneHot)
            {
                columns.AddRange(program.Categories.Select(c => feature.Name + "=" + c));
            }
            else
            {
                columns.Add(feature.Name);
            }
        }

        Features = features;
        OutputColumns = columns;
    }

    public Manifest Manifest { get; }

    public string ProfileName { get; }

    /// <summary>The training pipeline computed in float32: inputs are float32 values (the record's members are <c>float</c>).</summary>
    public bool Float32Data { get; }

    public Precision Precision { get; }

    public IReadOnlyList<FeatureProgram> Features { get; }

    /// <summary>Output column names in output order: a feature's name, or <c>feature=category</c> for one-hot outputs.</summary>
    public IReadOnlyList<string> OutputColumns { get; }

    public int Width => OutputColumns.Count;

    /// <summary>An element of a vector feature as the generated output columns name it: <c>Embedding[3]</c>.</summary>
    public static string ElementName(string feature, int index) => feature + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>
    /// Writes the feature's outputs to <paramref name="destination"/> (its <see cref="FeatureProgram.Width"/> floats).
    /// Throws <see cref="InterpreterRejection"/> where the generated code throws.
    /// </summary>
    public void Normalize(FeatureProgram feature, FeatureValue value, Span<float> destination)
    {
        if (feature.Kind == FeatureKind.Vector)
        {
            NormalizeVector(feature, value, destination[..feature.Width]);
        }
        else if (value.Vector is not null)
        {
            throw new InterpreterRejection($"feature '{feature.Name}' is scalar, not a vector");
        }
        else if (feature.Kind == FeatureKind.OneHot)
        {
            OneHot(feature, value, destination[..feature.Width]);
        }
        else
        {
            destination[0] = Numeric(feature, value);
        }
    }

    private float Numeric(FeatureProgram feature, FeatureValue value)
    {
        if (value.Text is not null)
        {
            throw new InterpreterRejection($"feature '{feature.Name}' is numeric, not a category: \"{value.Text}\"");
        }

        bool wide = feature.Precision == Precision.Float64;
        double input = value.Number;

        // NaN is a missing value like null (only float and double members hold it), as the generated code treats it.
        // Infinities are not: they go through the steps.
        if (value.IsMissing || double.IsNaN(input))
        {
            switch (feature.Missing.Kind)
            {
                case MissingValueKind.Propagate:
                    return float.NaN;
                case MissingValueKind.Fill:
                    input = wide ? feature.Missing.FillValue : (float)feature.Missing.FillValue;
                    break;
                default:
                    throw new InterpreterRejection(value.IsMissing
                        ? $"feature '{feature.Name}' is missing, and its missing policy is \"error\""
                        : $"feature '{feature.Name}' is NaN, which counts as missing, and its missing policy is \"error\"");
            }
        }

        // A passthrough feature has no operations: its value, converted as the generated code converts it.
        return StepProgram.Run(feature.Ops, feature.Precision, input);
    }

    // As VectorEmitter.EmitCheck and EmitWrite: a missing vector under "error" throws, then a present vector of another
    // length throws, then (under "error") a NaN or infinity throws naming its index; a missing vector under "propagate"
    // writes NaN. A NaN element under "propagate" is a value that goes through the kernels.
    private static void NormalizeVector(FeatureProgram feature, FeatureValue value, Span<float> destination)
    {
        VectorProgram program = feature.Vector!;
        string names = $"feature '{feature.Name}' (embedding space '{program.Space}')";
        if (value.IsMissing)
        {
            if (feature.Missing.Kind == MissingValueKind.Propagate)
            {
                destination.Fill(float.NaN);
                return;
            }

            throw new InterpreterRejection($"{names}: the vector is missing, and its missing policy is \"error\"");
        }

        if (value.Vector is not { } vector)
        {
            throw new InterpreterRejection($"{names} is a vector, not a single value");
        }

        if (vector.Length != program.NativeDimension)
        {
            throw new InterpreterRejection($"{names}: expected {program.NativeDimension} values, found {vector.Length}");
        }

        if (feature.Missing.Kind == MissingValueKind.Error)
        {
            int bad = Array.FindIndex(vector, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                throw new InterpreterRejection($"{names}: element {bad} is {vector[bad].ToString("R", CultureInfo.InvariantCulture)}, not a finite number, and its missing policy is \"error\"");
            }
        }

        program.Run(vector, destination);
    }

    private static void OneHot(FeatureProgram feature, FeatureValue value, Span<float> destination)
    {
        destination.Clear();
        if (value.IsMissing)
        {
            switch (feature.Missing.Kind)
            {
                case MissingValueKind.Propagate:
                    destination.Fill(float.NaN);
                    return;
                case MissingValueKind.Fill:
                    int fill = FillCategory(feature);
                    if (fill >= 0)
                    {
                        destination[fill] = 1f;
                    }

                    return;
                default:
                    throw new InterpreterRejection($"feature '{feature.Name}' is missing, and its missing policy is \"error\"");
            }
        }

        string text = value.Text ?? value.Number.ToString("R", CultureInfo.InvariantCulture);
        for (int i = 0; i < feature.Categories.Count; i++)
        {
            if (feature.Categories[i] == text)
            {
                destination[i] = 1f;
                return;
            }
        }

        if (!feature.UnknownAllZeros)
        {
            throw new InterpreterRejection($"feature '{feature.Name}' has no category \"{text}\" (categories: {string.Join(", ", feature.Categories.Take(20))}{(feature.Categories.Count > 20 ? ", …" : string.Empty)}), and unknown categories are an error");
        }
    }

    // As the generator does: the fill value's canonical JSON text against the category texts; an enum's numeric values
    // play no part.
    private static int FillCategory(FeatureProgram feature)
    {
        double fill = feature.Missing.FillValue;
        string canonical = CanonicalNumber(fill);
        for (int i = 0; i < feature.Categories.Count; i++)
        {
            if (feature.Categories[i] == canonical)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A number as ECMAScript's <c>Number.prototype.toString</c> writes it (the manifest's canonical form).</summary>
    internal static string CanonicalNumber(double value)
    {
        if (value == 0d)
        {
            return "0";
        }

        string shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);

        // Digits and decimal exponent of the shortest round-trip form.
        string mantissa = shortest;
        int exponent = 0;
        int e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = shortest[..e];
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        int point = mantissa.IndexOf('.');
        string digits = point < 0 ? mantissa : mantissa[..point] + mantissa[(point + 1)..];
        int pointPosition = (point < 0 ? mantissa.Length : point) + exponent;
        int leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        pointPosition -= leadingZeros;

        // value = 0.digits × 10^pointPosition; ECMAScript's n is pointPosition, k is digits.Length.
        int k = digits.Length, n = pointPosition;
        string sign = value < 0 ? "-" : string.Empty;
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        string exp = (n - 1 >= 0 ? "+" : "-") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
        return sign + (k == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + exp;
    }

    private FeatureProgram BindVector(FeatureManifest feature, int offset)
    {
        // The generator binds vectors only under these (NG0019): with another profile or dtype there is no code to match.
        if (Manifest.DType != ManifestDType.Float32 || Manifest.Profile is not (NormalizationProfile.NormGuard or NormalizationProfile.ScikitLearn))
        {
            throw new CliException($"feature '{feature.Name}' is a vector (embedding) feature, which needs dtype float32 and profile normguard or sklearn; this manifest has {ManifestJson.DTypeName(Manifest.DType)} and {ProfileName} (NG0019): the generator emits no code for it");
        }

        if (feature.Missing.Kind == MissingValueKind.Fill)
        {
            throw new CliException($"feature '{feature.Name}' is a vector feature with a missing fill value, which the manifest format refuses (NG0002)");
        }

        var program = new VectorProgram(feature, Manifest);
        return new FeatureProgram(feature.Name, offset, program.Dimension, FeatureKind.Vector, Precision, Array.Empty<ArithStep>())
        {
            Missing = feature.Missing,
            Vector = program,
        };
    }

    private FeatureProgram Bind(FeatureManifest feature, int offset)
    {
        if (feature.Steps.Count == 0)
        {
            throw new CliException($"feature '{feature.Name}' has no steps");
        }

        CheckFinite(feature);
        CheckDerived(feature);
        switch (feature.Steps[0])
        {
            case OneHotStep oneHot:
                return new FeatureProgram(feature.Name, offset, oneHot.Categories.Count, FeatureKind.OneHot, Precision, Array.Empty<ArithStep>())
                {
                    Categories = oneHot.Categories,
                    UnknownAllZeros = oneHot.Unknown == UnknownCategory.AllZeros,
                    Missing = feature.Missing,
                };
            case PassthroughStep:
                return new FeatureProgram(feature.Name, offset, 1, FeatureKind.Passthrough, Precision, Array.Empty<ArithStep>()) { Missing = feature.Missing };
            default:
                return new FeatureProgram(feature.Name, offset, 1, FeatureKind.Numeric, Precision, new StepProgram(feature.Steps, Manifest.Profile, Manifest.DType, feature.MLNetVectorColumn).Ops.ToArray()) { Missing = feature.Missing };
        }
    }

    // NG0011 also refuses finite parameters whose derived operand is not finite under the profile (a std of 0 under onnx, a
    // scale too small for float32): the generator emits nothing, so verify must not report the arithmetic as matching.
    private void CheckDerived(FeatureManifest feature)
    {
        foreach (NormalizationStep step in feature.Steps)
        {
            if (step is not (ZScoreStep or MinMaxStep or MaxAbsStep or RobustStep))
            {
                continue;
            }

            foreach (ArithStep op in new StepProgram([step], Manifest.Profile, Manifest.DType).Ops)
            {
                if (!double.IsFinite(op.Operand))
                {
                    throw new CliException($"feature '{feature.Name}': the {step.Op} step's derived {op.Op.ToString().ToLowerInvariant()} operand is {op.Operand.ToString(CultureInfo.InvariantCulture)} under profile {ProfileName} (NG0011); the generator emits no code for it");
                }
            }
        }
    }

    // The generator binds nothing for a non-finite parameter (NG0011), so there is no arithmetic to reproduce.
    private static void CheckFinite(FeatureManifest feature)
    {
        foreach (NormalizationStep step in feature.Steps)
        {
            double[] parameters = step switch
            {
                ZScoreStep z => [z.Mean, z.Std],
                MinMaxStep m => [m.Min, m.Max, m.Low, m.High],
                MaxAbsStep a => [a.MaxAbs],
                RobustStep r => [r.Center, r.Scale],
                ClipStep c => [c.Min, c.Max],
                _ => [],
            };
            if (parameters.Any(p => !double.IsFinite(p)))
            {
                throw new CliException($"feature '{feature.Name}': the {step.Op} step has a non-finite parameter (NG0011); the generator emits no code for it");
            }
        }

        if (feature.Missing.Kind == MissingValueKind.Fill && !double.IsFinite(feature.Missing.FillValue))
        {
            throw new CliException($"feature '{feature.Name}': the missing fill value is not finite (NG0011)");
        }
    }
}
