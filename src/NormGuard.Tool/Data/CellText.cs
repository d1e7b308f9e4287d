using System;
using System.Collections.Generic;
using System.Globalization;

namespace NormGuard.Tool.Data;

/// <summary>What a cell holds for a numeric or passthrough feature.</summary>
internal enum CellValue
{
    Number,
    Missing,
    NotANumber,
}

/// <summary>
/// The one rule by which <c>fit</c>, <c>drift</c> and <c>verify</c> read a cell's text (CSV and TSV cells, Parquet string
/// cells), so that a value fitted on is the value monitored and the value verified. docs/cli.md ("How cells are read")
/// states it for users; keep the two in step.
/// </summary>
internal static class CellText
{
    // pandas.read_csv's default na_values: what a pandas pipeline (the usual producer of these files) wrote as a missing value.
    private static readonly HashSet<string> MissingMarkers = new(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    // Looked up by span: no string per cell.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Markers = MissingMarkers.GetAlternateLookup<ReadOnlySpan<char>>();

    private const int LongestMarker = 8;

    /// <summary>Empty (or only white space), or one of pandas' missing-value markers, compared after trimming.</summary>
    public static bool IsMissing(ReadOnlySpan<char> cell)
    {
        ReadOnlySpan<char> text = cell.Trim();
        return text.IsEmpty || (text.Length <= LongestMarker && Markers.Contains(text));
    }

    /// <summary>A category's text as written (not trimmed: " a" and "a" are different categories, as in pandas), or null when missing.</summary>
    public static string? Category(ReadOnlySpan<char> cell) => IsMissing(cell) ? null : cell.ToString();

    /// <summary>
    /// A numeric or passthrough feature's cell: a number in the invariant culture (Python's <c>inf</c>/<c>-inf</c> and .NET's
    /// <c>Infinity</c> too), NaN in any spelling counting as missing as it does in a <c>float</c>/<c>double</c> member, and
    /// for a passthrough feature <c>true</c>/<c>false</c> in any letter case as 1/0 (a <c>bool</c> member). With
    /// <paramref name="float32"/> the text is rounded once, straight to the float32 a <c>float</c> member would hold.
    /// </summary>
    public static CellValue ReadNumber(ReadOnlySpan<char> cell, bool passthrough, bool float32, out double value)
    {
        value = double.NaN;
        ReadOnlySpan<char> text = cell.Trim();
        if (IsMissing(text))
        {
            return CellValue.Missing;
        }

        if (TryParseNumber(text, float32, out value))
        {
            return double.IsNaN(value) ? CellValue.Missing : CellValue.Number;
        }

        if (passthrough && bool.TryParse(text, out bool flag))
        {
            value = flag ? 1d : 0d;
            return CellValue.Number;
        }

        value = double.NaN;
        return CellValue.NotANumber;
    }

    /// <summary>A number as Python or .NET writes it (invariant culture, no thousands separators); NaN is a number here.</summary>
    public static bool TryParseNumber(ReadOnlySpan<char> text, bool float32, out double value)
    {
        text = text.Trim();
        if (Infinity(text) is { } infinity)
        {
            value = infinity;
            return true;
        }

        if (float32)
        {
            bool ok = float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float single);
            value = single;
            return ok;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The error for a cell that <see cref="ReadNumber"/> refused: where (file, line or row, column), the column's name, the text.</summary>
    public static CliException NotANumber(string where, string column, ReadOnlySpan<char> text, bool passthrough)
    {
        string hint = passthrough
            ? " (a passthrough feature reads numbers and true/false)"
            : bool.TryParse(text.Trim(), out _) ? " (true/false is read only for a passthrough feature: a bool is categorical, and scaling it is NG0004)" : string.Empty;
        return new CliException($"{where}: column '{column}' holds \"{Shorten(text)}\", which is not a number{hint}");
    }

    public static string Shorten(ReadOnlySpan<char> cell) => cell.Length <= 40 ? cell.ToString() : cell[..37].ToString() + "...";

    private static double? Infinity(ReadOnlySpan<char> text) =>
        text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("+inf", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("∞") || text.SequenceEqual("+∞") ? double.PositiveInfinity
        : text.Equals("-inf", StringComparison.OrdinalIgnoreCase) || text.SequenceEqual("-∞") ? double.NegativeInfinity
        : null;
}
