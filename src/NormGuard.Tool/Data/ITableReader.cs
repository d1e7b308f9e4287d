using System;
using System.Collections.Generic;

namespace NormGuard.Tool.Data;

/// <summary>Rows of a CSV or Parquet file, read forward once; cells are read by column index.</summary>
internal interface ITableReader : IDisposable
{
    /// <summary>The file being read.</summary>
    string Path { get; }

    IReadOnlyList<string> Columns { get; }

    /// <summary>Bytes of the file read so far, for progress.</summary>
    long BytesRead { get; }

    bool Read();

    /// <summary>
    /// A numeric or passthrough feature's cell as a number, read by <see cref="CellText"/>'s rule (rounded to float32 when
    /// <paramref name="float32"/>); false when it is missing. Throws <see cref="CliException"/> naming the file, line or row,
    /// column and text when the cell is not a number.
    /// </summary>
    bool TryGetNumber(int column, bool passthrough, bool float32, out double value);

    /// <summary>
    /// A vector feature's cell (a Parquet list&lt;float&gt;, a .npy row); false when it is missing (a null list). Valid until
    /// the next <see cref="Read"/>. Throws <see cref="CliException"/> naming the place when the cell is not a vector.
    /// </summary>
    bool TryGetVector(int column, out ReadOnlySpan<float> vector);

    /// <summary>The cell as text (a category or a split value), or null when it is missing.</summary>
    string? GetText(int column);

    /// <summary>The current row's cell in <paramref name="column"/> for messages: <c>file(line,column)</c> in a CSV, <c>file(row N, column C)</c> in Parquet.</summary>
    string Where(int column);
}
