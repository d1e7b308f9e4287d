using System;
using System.Globalization;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace NormGuard.Tool.Data;

/// <summary>
/// One row group's list&lt;float&gt; column, split into rows by its repetition levels: a new row starts at level 0. The
/// definition levels tell a null list (a missing vector), an empty list, a null element and a value apart; they count
/// one for an optional list, one for the repeated group that holds the elements, one for optional elements, the layout
/// pyarrow, Spark and Parquet.Net write.
/// </summary>
internal sealed class VectorCells
{
    private const int Missing = -1;

    private readonly float[] _values;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly int[] _nullElement;

    private VectorCells(float[] values, int[] starts, int[] lengths, int[] nullElement)
    {
        _values = values;
        _starts = starts;
        _lengths = lengths;
        _nullElement = nullElement;
    }

    public static VectorCells Read(ParquetRowGroupReader group, DataField field, string column, string path, int groupIndex)
    {
        if (field.ClrType != typeof(float) && field.ClrType != typeof(double))
        {
            throw new CliException($"{path}: column '{column}' is a list of {field.ClrType.Name}; normguard reads embeddings as list<float> (float32), as the model emits them (pyarrow: pa.list_(pa.float32())), or list<double>");
        }

        int rows = (int)group.RowCount;
        using RawColumnData data = group.ReadRawColumnDataBaseAsync(field, default).AsTask().GetAwaiter().GetResult();
        // list<double> (what pyarrow makes of Python floats) is rounded to float32, as a record's float[] member would hold
        // it; a value beyond float32's range becomes infinite, which the vector rule then reports by element.
        ReadOnlySpan<float> values = data is RawColumnData<float> single ? single.Values : ToFloat(((RawColumnData<double>)data).Values);
        ReadOnlySpan<int> definition = data.DefinitionLevels;
        ReadOnlySpan<int> repetition = data.RepetitionLevels;

        int maxDefinition = field.MaxDefinitionLevel;
        int elementLevel = field.IsNullable ? maxDefinition - 1 : maxDefinition;
        int emptyLevel = elementLevel - 1;
        if (field.MaxRepetitionLevel != 1 || emptyLevel < 0 || emptyLevel > 1)
        {
            throw new CliException($"{path}: column '{column}' is a nested list layout normguard does not read (repetition {field.MaxRepetitionLevel}, definition {maxDefinition}); write a plain list<float>");
        }

        var starts = new int[rows];
        var lengths = new int[rows];
        var nullElement = new int[rows];
        Array.Fill(nullElement, -1);
        // Parquet.Net 6's raw values are the defined values packed at the start of a buffer allocated for every level, so
        // the buffer's length is no sign of the layout: a row's values start after the values of the rows before it.
        // (Taking the level index as the start, as this once did when the lengths matched, shifted every vector after a
        // null list by one value per null list before it in the row group.)
        int row = -1, next = 0;
        for (int i = 0; i < definition.Length; i++)
        {
            if (repetition[i] == 0)
            {
                if (++row >= rows)
                {
                    throw new CliException($"{path}: row group {groupIndex + 1}, column '{column}' holds more lists than its {rows} rows");
                }

                starts[row] = next;
                lengths[row] = definition[i] < emptyLevel ? Missing : 0;
            }

            if (definition[i] == maxDefinition)
            {
                next++;
                lengths[row]++;
            }
            else if (definition[i] == elementLevel && field.IsNullable)
            {
                nullElement[row] = nullElement[row] < 0 ? lengths[row] : nullElement[row];
                lengths[row]++;
            }
        }

        if (row + 1 != rows || next > values.Length)
        {
            throw new CliException($"{path}: row group {groupIndex + 1}, column '{column}': {row + 1} lists and {next} values for {rows} rows and {values.Length} values");
        }

        return new VectorCells(values.ToArray(), starts, lengths, nullElement);
    }

    private static float[] ToFloat(ReadOnlySpan<double> values)
    {
        var rounded = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            rounded[i] = (float)values[i];
        }

        return rounded;
    }

    public bool TryGet(int row, out ReadOnlySpan<float> vector, string where)
    {
        if (_lengths[row] == Missing)
        {
            vector = default;
            return false;
        }

        if (_nullElement[row] >= 0)
        {
            throw new CliException($"{where}: element {_nullElement[row].ToString(CultureInfo.InvariantCulture)} of the vector is null");
        }

        vector = _values.AsSpan(_starts[row], _lengths[row]);
        return true;
    }
}
