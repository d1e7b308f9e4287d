using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using nietras.SeparatedValues;

namespace NormGuard.Tool.Data;

/// <summary>A CSV (or TSV: the separator is detected) read with Sep, which parses without allocating per cell.</summary>
internal sealed class CsvTableReader : ITableReader
{
    private readonly FileStream _stream;
    private readonly SepReader _reader;
    private readonly IEnumerator<SepReader.Row> _rows;

    /// <param name="path">The file to read.</param>
    /// <param name="name">What messages call it, when not its path (standard input spooled to a temporary file: "stdin").</param>
    public CsvTableReader(string path, string? name = null)
    {
        Path = name ?? path;
        _stream = InputFiles.OpenRead(path, "a CSV or TSV file");
        try
        {
            // The column count is checked here rather than by Sep, so that the message names the file, line and both counts.
            _reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(_stream);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _stream.Dispose();
            throw new CliException($"{Path}: cannot read the CSV header: {exception.Message}");
        }

        Columns = _reader.Header.ColNames.ToArray();
        if (Columns.Count == 0)
        {
            _reader.Dispose();
            _stream.Dispose();
            throw new CliException($"{Path}: the file is empty (no header row)");
        }

        _rows = _reader.GetEnumerator();
    }

    public string Path { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>The file line the current row starts on (1 is the header).</summary>
    public int Line { get; private set; } = 1;

    public long BytesRead => _stream.Position;

    public bool Read()
    {
        try
        {
            if (!_rows.MoveNext())
            {
                return false;
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new CliException($"{Path}({Line + 1}): cannot read the row: {exception.Message}");
        }

        SepReader.Row row = _rows.Current;
        Line = row.LineNumberFrom;
        if (row.ColCount != Columns.Count)
        {
            throw RaggedRow(row);
        }

        return true;
    }

    /// <summary>The current row's cell as written (unquoted).</summary>
    public ReadOnlySpan<char> Cell(int column) => _rows.Current[column].Span;

    public bool TryGetNumber(int column, bool passthrough, bool float32, out double value)
    {
        ReadOnlySpan<char> cell = Cell(column);
        return CellText.ReadNumber(cell, passthrough, float32, out value) switch
        {
            CellValue.Number => true,
            CellValue.Missing => false,
            _ => throw CellText.NotANumber(Where(column), Columns[column], cell, passthrough),
        };
    }

    public bool TryGetVector(int column, out ReadOnlySpan<float> vector) =>
        throw new CliException($"{Where(column)}: a CSV cell holds one value; give the vectors of '{Columns[column]}' as a Parquet list<float> column or a .npy file");

    public string? GetText(int column) => CellText.Category(Cell(column));

    public string Where(int column) => string.Create(CultureInfo.InvariantCulture, $"{Path}({Line},{column + 1})");

    public void Dispose()
    {
        _rows.Dispose();
        _reader.Dispose();
        _stream.Dispose();
    }

    private CliException RaggedRow(SepReader.Row row)
    {
        // A quote left open makes the row run on over the following lines; the last of them is the one its text ends on.
        int lastLine = row.LineNumberFrom + row.Span.TrimEnd("\r\n").Count('\n');
        string found = row.ColCount == 1 && row.Span.IsEmpty
            ? "an empty line"
            : row.ColCount.ToString(CultureInfo.InvariantCulture) + (row.ColCount == 1 ? " column" : " columns");
        string span = lastLine > row.LineNumberFrom
            ? string.Create(CultureInfo.InvariantCulture, $" (the row runs over lines {row.LineNumberFrom}-{lastLine}: is a quote left open?)")
            : string.Empty;
        return new CliException(string.Create(CultureInfo.InvariantCulture,
            $"{Path}({row.LineNumberFrom}): expected {Columns.Count} columns as in the header, found {found}{span}"));
    }
}
