using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Win32.SafeHandles;
using Parquet;
using Parquet.Schema;

namespace NormGuard.Tool.Data;

/// <summary>
/// A Parquet file read row group by row group with Parquet.Net; numeric columns of any width, booleans, string columns.
/// Each column chunk's page checksums are verified (where the writer stored them) before its values are used.
/// </summary>
internal sealed class ParquetTableReader : ITableReader
{
    private readonly FileStream _stream;
    private readonly SafeFileHandle _pages;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly string?[] _listNames;
    private Array?[] _group = Array.Empty<Array?>();
    private VectorCells?[] _vectors = Array.Empty<VectorCells?>();
    private int _groupIndex = -1;
    private int _row = -1;
    private long _rowsBefore;

    public ParquetTableReader(string path)
    {
        Path = path;
        _stream = InputFiles.OpenRead(path, "a Parquet file");
        try
        {
            _reader = ParquetReader.CreateAsync(_stream).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _stream.Dispose();
            throw new CliException($"{path}: not a readable Parquet file: {exception.Message}");
        }

        // A handle of its own for the checksum reads, which leave the stream's position to Parquet.Net.
        _pages = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);

        _fields = _reader.Schema.GetDataFields();

        // A list column (list<float>: an embedding) is named by its list field, not by its leaf ("element", "item").
        var lists = _reader.Schema.Fields.OfType<ListField>().Where(l => l.Item is DataField).ToDictionary(l => (DataField)l.Item, l => l.Name);
        _listNames = _fields.Select(f => lists.TryGetValue(f, out string? name) ? name : null).ToArray();
        Columns = _fields.Select((f, i) => _listNames[i] ?? f.Name).ToArray();
    }

    public string Path { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Where the current row is, for messages: its 1-based index in the file.</summary>
    private string Position => "row " + (_rowsBefore + _row + 1).ToString(CultureInfo.InvariantCulture);

    public long BytesRead => _stream.Position;

    /// <summary>Pages of the column chunks read so far whose checksum matched, and pages that carry none.</summary>
    public PageCount Pages { get; private set; }

    public bool Read()
    {
        while (_groupIndex < 0 || _row + 1 >= RowsInGroup)
        {
            if (_groupIndex >= 0)
            {
                _rowsBefore += RowsInGroup;
            }

            if (++_groupIndex >= _reader.RowGroupCount)
            {
                return false;
            }

            _group = new Array?[_fields.Length];
            _vectors = new VectorCells?[_fields.Length];
            _row = -1;
        }

        _row++;
        return true;
    }

    private int RowsInGroup => _groupIndex < 0 || _groupIndex >= _reader.RowGroupCount ? 0 : (int)_reader.RowGroups[_groupIndex].RowCount;

    public bool TryGetNumber(int column, bool passthrough, bool float32, out double value)
    {
        object? cell = Column(column).GetValue(_row);
        switch (cell)
        {
            case null:
                value = double.NaN;
                return false;
            case string text:
                return CellText.ReadNumber(text, passthrough, float32, out value) switch
                {
                    CellValue.Number => true,
                    CellValue.Missing => false,
                    _ => throw CellText.NotANumber(Where(column), Columns[column], text, passthrough),
                };
            case bool flag when passthrough:
                value = flag ? 1d : 0d;
                return true;
            case double or float or int or long or short or byte or sbyte or ushort or uint or ulong or decimal:
                value = Convert.ToDouble(cell, CultureInfo.InvariantCulture);
                value = float32 ? (float)value : value;
                return !double.IsNaN(value);
            default:
                throw CellText.NotANumber(Where(column), Columns[column], Describe(cell), passthrough);
        }
    }

    public bool TryGetVector(int column, out ReadOnlySpan<float> vector)
    {
        if (_listNames[column] is null)
        {
            throw new CliException($"{Where(column)}: column '{Columns[column]}' holds one value a row; a vector feature reads a list<float> column");
        }

        if (_vectors[column] is null)
        {
            using ParquetRowGroupReader group = _reader.OpenRowGroupReader(_groupIndex);
            Pages += ParquetChecksums.VerifyChunk(_pages, Path, group.GetMetadata(_fields[column])
                ?? throw new CliException($"{Path}: row group {_groupIndex + 1} has no column '{Columns[column]}'"), Columns[column], _groupIndex, _reader.RowGroupCount);
            _vectors[column] = VectorCells.Read(group, _fields[column], Columns[column], Path, _groupIndex);
        }

        return _vectors[column]!.TryGet(_row, out vector, Where(column));
    }

    public string? GetText(int column) => Column(column).GetValue(_row) switch
    {
        null => null,
        string text => CellText.Category(text),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    public string Where(int column) => string.Create(CultureInfo.InvariantCulture, $"{Path}({Position}, column {column + 1})");

    private Array Column(int column)
    {
        if (_group[column] is null)
        {
            using ParquetRowGroupReader group = _reader.OpenRowGroupReader(_groupIndex);
            Pages += ParquetChecksums.VerifyChunk(_pages, Path, group.GetMetadata(_fields[column])
                ?? throw new CliException($"{Path}: row group {_groupIndex + 1} has no column '{Columns[column]}'"), Columns[column], _groupIndex, _reader.RowGroupCount);
            _group[column] = ReadColumn(group, _fields[column], RowsInGroup);
        }

        return _group[column]!;
    }

    /// <summary>One column of a row group as an array of its CLR type (nullable when the column is).</summary>
    internal static Array ReadColumn(ParquetRowGroupReader group, DataField field, int rows)
    {
        if (field.IsArray)
        {
            throw new CliException($"column '{field.Name}' is a list; normguard reads one value per cell, and a list<float> only for a vector feature");
        }

        return field.ClrType switch
        {
            Type t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => ReadStrings(group, field, rows),
            Type t when t == typeof(double) => Read<double>(group, field, rows),
            Type t when t == typeof(float) => Read<float>(group, field, rows),
            Type t when t == typeof(int) => Read<int>(group, field, rows),
            Type t when t == typeof(long) => Read<long>(group, field, rows),
            Type t when t == typeof(short) => Read<short>(group, field, rows),
            Type t when t == typeof(byte) => Read<byte>(group, field, rows),
            Type t when t == typeof(sbyte) => Read<sbyte>(group, field, rows),
            Type t when t == typeof(bool) => Read<bool>(group, field, rows),
            Type t when t == typeof(decimal) => Read<decimal>(group, field, rows),
            var other => throw new CliException($"column '{field.Name}' has type {other.Name}, which normguard does not read"),
        };
    }

    private static Array Read<T>(ParquetRowGroupReader group, DataField field, int rows)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[rows];
            group.ReadAsync<T>(field, values.AsMemory(), null, default).AsTask().GetAwaiter().GetResult();
            return values;
        }

        var plain = new T[rows];
        group.ReadAsync<T>(field, plain.AsMemory(), null, default).AsTask().GetAwaiter().GetResult();
        return plain;
    }

    private static Array ReadStrings(ParquetRowGroupReader group, DataField field, int rows)
    {
        var values = new string?[rows];
        group.ReadAsync(field, values.AsMemory(), null, default).AsTask().GetAwaiter().GetResult();
        return values;
    }

    private static string Describe(object cell) => cell is bool flag ? (flag ? "true" : "false") : cell.GetType().Name + " " + cell;

    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
        _pages.Dispose();
    }
}
