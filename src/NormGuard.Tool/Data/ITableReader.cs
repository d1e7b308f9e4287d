using System;
using System.Collections.Generic;

namespace NormGuard.Tool.Data;

/// <summary>Rows of a CSV or Parquet file, read forward once; cells are read by column index.</summary>
internal interface ITableReader : IDisposable
{
    /// <summary>The file being read.</summary>
    string Path { get; }

    IReadOnlyList<string> Columns { get; }

    /// <summary>Where the current row is, for messages: "line 17" in a CSV, "row 17" in a Parquet file.</summary>
    string Position { get; }

    /// <summary>Bytes of the file read so far, for progress.</summary>
    long BytesRead { get; }

    bool Read();

    /// <summary>The cell as a number; false when it is missing (empty, NA, NaN or null). Throws <see cref="CliException"/> naming the
    /// file, position, column and text when the cell is not a number.</summary>
    bool TryGetNumber(int column, out double value);

    /// <summary>The cell as text, or null when it is missing.</summary>
    string? GetText(int column);
}

/// <summary>Cell texts that stand for a missing value, as pandas reads them.</summary>
internal static class MissingCells
{
    private static readonly HashSet<string> Texts = new(StringComparer.Ordinal) { "", "NA", "N/A", "NaN", "nan", "NULL", "null", "None", "<NA>" };

    public static bool IsMissing(ReadOnlySpan<char> cell) => cell.IsEmpty || (cell.Length <= 4 && Texts.Contains(cell.ToString()));
}
