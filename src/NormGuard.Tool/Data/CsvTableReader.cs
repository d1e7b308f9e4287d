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
    private int _line = 1;

    public CsvTableReader(string path)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            _reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = false }).From(_stream);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _stream.Dispose();
            throw new CliException($"{path}: cannot read the CSV header: {exception.Message}");
        }

        Columns = _reader.Header.ColNames.ToArray();
        if (Columns.Count == 0)
        {
            throw new CliException($"{path}: the file is empty (no header row)");
        }

        _rows = _reader.GetEnumerator();
    }

    public string Path { get; }

    public IReadOnlyList<string> Columns { get; }

    public string Position => "line " + _line.ToString(CultureInfo.InvariantCulture);

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
            throw new CliException($"{Path}({_line + 1}): {exception.Message}");
        }

        _line = _rows.Current.LineNumberFrom;
        return true;
    }

    public bool TryGetNumber(int column, out double value)
    {
        ReadOnlySpan<char> cell = _rows.Current[column].Span;
        if (MissingCells.IsMissing(cell))
        {
            value = double.NaN;
            return false;
        }

        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return !double.IsNaN(value);
        }

        throw new CliException($"{Path}({_line}): column '{Columns[column]}' holds \"{Shorten(cell)}\", which is not a number");
    }

    public string? GetText(int column)
    {
        ReadOnlySpan<char> cell = _rows.Current[column].Span;
        return MissingCells.IsMissing(cell) ? null : cell.ToString();
    }

    public void Dispose()
    {
        _rows.Dispose();
        _reader.Dispose();
        _stream.Dispose();
    }

    private static string Shorten(ReadOnlySpan<char> cell) => cell.Length <= 40 ? cell.ToString() : cell[..37].ToString() + "...";
}
