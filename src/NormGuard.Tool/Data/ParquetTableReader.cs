using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Parquet;
using Parquet.Schema;

namespace NormGuard.Tool.Data;

/// <summary>A Parquet file read row group by row group with Parquet.Net; numeric columns of any width, string columns.</summary>
internal sealed class ParquetTableReader : ITableReader
{
    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private Array?[] _group = Array.Empty<Array?>();
    private int _groupIndex = -1;
    private int _row = -1;
    private long _rowsBefore;

    public ParquetTableReader(string path)
    {
        Path = path;
        _stream = File.OpenRead(path);
        try
        {
            _reader = ParquetReader.CreateAsync(_stream).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _stream.Dispose();
            throw new CliException($"{path}: not a readable Parquet file: {exception.Message}");
        }

        _fields = _reader.Schema.GetDataFields();
        Columns = _fields.Select(f => f.Name).ToArray();
    }

    public string Path { get; }

    public IReadOnlyList<string> Columns { get; }

    public string Position => "row " + (_rowsBefore + _row + 1).ToString(CultureInfo.InvariantCulture);

    public long BytesRead => _stream.Position;

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
            _row = -1;
        }

        _row++;
        return true;
    }

    private int RowsInGroup => _groupIndex < 0 || _groupIndex >= _reader.RowGroupCount ? 0 : (int)_reader.RowGroups[_groupIndex].RowCount;

    public bool TryGetNumber(int column, out double value)
    {
        object? cell = Column(column).GetValue(_row);
        switch (cell)
        {
            case null:
                value = double.NaN;
                return false;
            case double d:
                value = d;
                break;
            case float f:
                value = f;
                break;
            case int or long or short or byte or sbyte or ushort or uint or ulong or decimal:
                value = Convert.ToDouble(cell, CultureInfo.InvariantCulture);
                break;
            case bool b:
                value = b ? 1d : 0d;
                break;
            case string text when MissingCells.IsMissing(text):
                value = double.NaN;
                return false;
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed):
                value = parsed;
                break;
            default:
                throw new CliException($"{Path}({Position}): column '{Columns[column]}' holds {Describe(cell)}, which is not a number");
        }

        return !double.IsNaN(value);
    }

    public string? GetText(int column) => Column(column).GetValue(_row) switch
    {
        null => null,
        string text => MissingCells.IsMissing(text) ? null : text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    private Array Column(int column)
    {
        if (_group[column] is null)
        {
            using ParquetRowGroupReader group = _reader.OpenRowGroupReader(_groupIndex);
            _group[column] = ReadColumn(group, _fields[column], RowsInGroup);
        }

        return _group[column]!;
    }

    /// <summary>One column of a row group as an array of its CLR type (nullable when the column is).</summary>
    internal static Array ReadColumn(ParquetRowGroupReader group, DataField field, int rows)
    {
        if (field.IsArray)
        {
            throw new CliException($"column '{field.Name}' is a list; normguard reads one value per cell");
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

    private static string Describe(object cell) => cell is string s ? "\"" + s + "\"" : cell.GetType().Name + " " + cell;

    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }
}
