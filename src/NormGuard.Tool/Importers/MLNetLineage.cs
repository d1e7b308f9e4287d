using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace NormGuard.Tool.Importers;

/// <summary>
/// Which transform last changed each slot of each column, stage by stage, so that a normalizer whose input a transform
/// in front of it computed (ReplaceMissingValues, a custom mapping, one-hot encoding, a type conversion, another
/// normalizer, …) is refused, naming that transform: the manifest would be handed the raw value, not what that
/// transform makes of it. Concatenate, CopyColumns and column selection only move values, so they keep the origin of
/// each slot.
/// </summary>
internal sealed class MLNetLineage(string path, IReadOnlyList<MLNetModelZip.Stage>? stages)
{
    // column name → per slot, the stage that computed the value (null: an input column's value, moved at most)
    private readonly Dictionary<string, string?[]> _computed = new(StringComparer.Ordinal);
    private string? _opaque;
    private int _index;

    /// <summary>Records what <paramref name="transformer"/> (not a chain) wrote, given the schemas before and after it.</summary>
    public void After(ITransformer transformer, DataViewSchema? input, DataViewSchema? output)
    {
        string stage = Describe(transformer);
        _index++;
        switch (transformer)
        {
            case ColumnConcatenatingTransformer concatenate when input is not null && ConcatenatedColumns(concatenate) is { } columns:
                foreach ((string outputName, string[] inputNames) in columns)
                {
                    _computed[outputName] = inputNames.SelectMany(name => Origins(name, Size(input, name))).ToArray();
                }

                return;
            case ColumnSelectingTransformer:
                return;
            case ColumnCopyingTransformer copy when input is not null && CopiedPairs(copy) is { } pairs:
                foreach ((string outputName, string inputName) in pairs)
                {
                    _computed[outputName] = Origins(inputName, Size(input, inputName));
                }

                return;
        }

        if (input is null || output is null)
        {
            _opaque ??= stage;
            return;
        }

        // a row-to-row transformer keeps every input column and adds the ones it writes; one that replaces a column
        // keeps the old one hidden (not necessarily at the end), so a written column is new or has one more hidden twin
        foreach (DataViewSchema.Column column in output.Where(c => !c.IsHidden))
        {
            if (input.GetColumnOrNull(column.Name) is null || Hidden(output, column.Name) > Hidden(input, column.Name))
            {
                _computed[column.Name] = Enumerable.Repeat<string?>(stage, Size(output, column.Name)).ToArray();
            }
        }
    }

    /// <summary>Throws, naming the transform, when a slot of <paramref name="column"/> was computed in front of the normalizer.</summary>
    public void RequireUnchanged(string column, int size, IReadOnlyList<string> slotNames)
    {
        if (_opaque is not null)
        {
            throw new CliException($"{path}: cannot tell which columns {_opaque} writes in front of the normalizer of column '{column}' (the model has no input schema); save the model with MLContext.Model.Save(model, data.Schema, path)");
        }

        string?[] origins = Origins(column, size);
        int first = Array.FindIndex(origins, o => o is not null);
        if (first < 0)
        {
            return;
        }

        int count = origins.Count(o => o is not null);
        string where = size == 1 ? $"column '{column}'" : $"column '{column}' slot {first} ('{slotNames[first]}'){(count > 1 ? $" and {count - 1} more slot{(count > 2 ? "s" : string.Empty)}" : string.Empty)}";
        throw new CliException($"{path}: the normalizer's input {where} is computed by {origins[first]} in front of it; a manifest cannot represent that transform, so NormGuard would hand the normalizer the raw value instead. Not supported: normalize the raw input columns, or fit NormGuard on the transformed values");
    }

    private string?[] Origins(string column, int size)
    {
        if (!_computed.TryGetValue(column, out string?[]? origins))
        {
            return new string?[size];
        }

        return origins.Length == size ? origins : Enumerable.Repeat(origins.FirstOrDefault(o => o is not null), size).ToArray();
    }

    private static int Hidden(DataViewSchema schema, string name) => schema.Count(c => c.IsHidden && c.Name == name);

    private static int Size(DataViewSchema schema, string column) =>
        schema.GetColumnOrNull(column)?.Type is VectorDataViewType { Size: > 0 } vector ? vector.Size : 1;

    // ColumnConcatenatingTransformer lists its columns in an internal property Columns (read by reflection)
    private static IEnumerable<(string Output, string[] Inputs)>? ConcatenatedColumns(ColumnConcatenatingTransformer concatenate) =>
        typeof(ColumnConcatenatingTransformer).GetProperty("Columns", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(concatenate)
            is IEnumerable<(string, string[])> columns ? columns.Select(c => (c.Item1, c.Item2)) : null;

    // ColumnCopyingTransformer keeps its pairs in OneToOneTransformerBase.ColumnPairs (not public; read by reflection)
    private static IEnumerable<(string Output, string Input)>? CopiedPairs(ColumnCopyingTransformer copy)
    {
        for (Type? type = copy.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField("ColumnPairs", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(copy) is (string, string)[] pairs)
            {
                return pairs.Select(p => (p.Item1, p.Item2));
            }
        }

        return null;
    }

    private string Describe(ITransformer transformer)
    {
        string type = transformer.GetType().Name.Split('`')[0];
        return stages is not null && _index < stages.Count ? $"stage {stages[_index].Directory.TrimEnd('/')} ({type}, loader {stages[_index].Signature})" : type;
    }
}
