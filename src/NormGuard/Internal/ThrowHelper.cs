using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace NormGuard.Internal;

/// <summary>Throw paths of generated code, kept out of line so that the hot paths stay small.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ThrowHelper
{
    /// <summary>A generated member of a feature set that did not bind to a manifest: the build reported why.</summary>
    public static InvalidOperationException Unbound(string featureSet, string manifest, string rules) =>
        new($"Feature set '{featureSet}' was compiled without a usable manifest '{manifest}' ({rules}): it cannot normalize. Fix what the build reports as {rules} (https://github.com/normguard/normguard/tree/main/docs/rules) and rebuild.");

    [DoesNotReturn]
    public static void DestinationTooShort(string featureSet, int required, int actual) =>
        throw new ArgumentException(
            $"Feature set '{featureSet}' needs {required.ToString(CultureInfo.InvariantCulture)} floats but the destination holds {actual.ToString(CultureInfo.InvariantCulture)}; nothing was written.",
            "destination");

    [DoesNotReturn]
    public static void SourceTooShort(string featureSet, int required, int actual) =>
        throw new ArgumentException(
            $"Feature set '{featureSet}' needs {required.ToString(CultureInfo.InvariantCulture)} floats but the source holds {actual.ToString(CultureInfo.InvariantCulture)}.",
            "source");

    [DoesNotReturn]
    public static void RowsTooShort(string featureSet, int required, int actual) =>
        throw new ArgumentException(
            $"Feature set '{featureSet}': the source holds {required.ToString(CultureInfo.InvariantCulture)} rows but the destination only {actual.ToString(CultureInfo.InvariantCulture)}; nothing was written.",
            "rows");

    [DoesNotReturn]
    public static void NullRow(string featureSet, int index) =>
        throw new ArgumentNullException("rows", $"Feature set '{featureSet}': row {index.ToString(CultureInfo.InvariantCulture)} is null.");

    [DoesNotReturn]
    public static void MissingValue(string featureSet, string feature) =>
        throw new NormalizationException(featureSet, feature, null,
            $"Feature set '{featureSet}', feature '{feature}': the value is missing and the manifest's policy is \"error\" (use \"propagate\" or {{\"fill\": …}} to accept missing values).");

    /// <summary>
    /// An exception filter for the batch loop of generated code: records the row on a <see cref="NormalizationException"/>
    /// thrown by the per-row code as it passes (unless an inner batch already did) and returns false, so nothing is
    /// caught and the exception keeps its stack trace.
    /// </summary>
    public static bool AtRow(NormalizationException error, int row)
    {
        error.RowIndex ??= row;
        return false;
    }

    /// <summary>A NaN in a float or double member: missing, like null, so policy "error" refuses it.</summary>
    [DoesNotReturn]
    public static void MissingNaN(string featureSet, string feature) =>
        throw new NormalizationException(featureSet, feature, "NaN",
            $"Feature set '{featureSet}', feature '{feature}': the value \"NaN\" is missing and the manifest's policy is \"error\" (use \"propagate\" or {{\"fill\": …}} to accept missing values).");

    [DoesNotReturn]
    public static void UnknownCategory(string featureSet, string feature, string? value) =>
        throw new NormalizationException(featureSet, feature, value,
            $"Feature set '{featureSet}', feature '{feature}': category \"{value}\" was not seen in training and the manifest's policy is \"error\" (unknown: \"allZeros\" writes zeros instead).");

    /// <summary>Denormalize met a NaN for a member whose type has no NaN and no null (int, long, bool, decimal…).</summary>
    [DoesNotReturn]
    public static void NoValue(string featureSet, string feature, string type) =>
        throw new NormalizationException(featureSet, feature, "NaN",
            $"Feature set '{featureSet}', feature '{feature}': the normalized value is \"NaN\", which has no {type} to map back to (a nullable member would be null).");

    /// <summary>Denormalize computed a value the member's type cannot hold (a decimal beyond ±7.9e28, or ±∞).</summary>
    [DoesNotReturn]
    public static void OutOfRange(string featureSet, string feature, double value, string type)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        throw new NormalizationException(featureSet, feature, text,
            $"Feature set '{featureSet}', feature '{feature}': the denormalized value {text} is outside the range of {type}.");
    }

    /// <summary>Denormalize met one-hot outputs with no winner (all zeros or all NaN) for a member that cannot be null.</summary>
    [DoesNotReturn]
    public static void NoCategory(string featureSet, string feature, ReadOnlySpan<float> outputs)
    {
        var text = new System.Text.StringBuilder();
        foreach (float output in outputs)
        {
            text.Append(text.Length == 0 ? string.Empty : ", ").Append(output.ToString("R", CultureInfo.InvariantCulture));
        }

        string value = text.ToString();
        throw new NormalizationException(featureSet, feature, value,
            $"Feature set '{featureSet}', feature '{feature}': the one-hot outputs \"{value}\" are all zeros or NaN, so there is no category to map back to (a nullable member would be null).");
    }

    [DoesNotReturn]
    public static void NotConstructible(string featureSet, string type) =>
        throw new NotSupportedException($"Feature set '{featureSet}': {type} has feature members without a setter, init accessor or constructor parameter, so it cannot be denormalized.");

    /// <summary>Formats a category value for an error message without culture effects.</summary>
    public static string? Show<T>(T value) => value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString();
}
