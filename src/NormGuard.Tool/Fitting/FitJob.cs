using System;
using System.Collections.Generic;
using System.Linq;
using NormGuard.Fitting;
using NormGuard.Tool.Data;

namespace NormGuard.Tool.Fitting;

/// <summary>Reads a data set once and fits a schema on its training rows.</summary>
internal sealed class FitJob(FitSchema schema, TableSource data, TrainingRows training, long exactValueLimit = ManifestFitter.DefaultExactValueLimit, RowPositions? positions = null)
{
    private readonly RowPositions _positions = positions ?? RowPositions.Single;

    public long RowsRead { get; private set; }

    public long TrainingRowsUsed { get; private set; }

    public ManifestFitter Run(Action<long>? progress = null)
    {
        var fitter = new ManifestFitter(schema.FeatureSet, schema.Profile, schema.DType, schema.Features, exactValueLimit);
        Run(new FitterTarget(fitter), progress);
        return fitter;
    }

    /// <summary>
    /// Reads the data and hands every training row to <paramref name="fitter"/>. A partition may hold no (training) rows:
    /// Spark has empty partitions, and such a partial adds nothing to a merge (<paramref name="allowNoRows"/>).
    /// </summary>
    public void Run(IFitTarget fitter, Action<long>? progress = null, bool allowNoRows = false)
    {
        training.Validate();
        bool float32 = schema.DType == ManifestDType.Float32;
        ITableReader? splitFile = training.SplitFile is null ? null : new CsvTableReader(training.SplitFile);
        int splitFileColumn = splitFile is null ? -1 : ColumnOf(splitFile, training.SplitColumn ?? splitFile.Columns[0], "the split column");
        long bytesBefore = 0;
        try
        {
            foreach (string file in data.Files)
            {
                using ITableReader reader = data.OpenReader(file);
                if (reader is NpyTableReader npy)
                {
                    NameNpyColumn(npy);
                }

                int[] columns = schema.Features.Select(f => ColumnOf(reader, f.Name, "feature '" + f.Name + "'")).ToArray();
                bool[] categorical = schema.Features.Select(f => f.Categories is not null).ToArray();
                bool[] vector = schema.Features.Select(f => f.IsVector).ToArray();
                bool[] passthrough = schema.Features.Select(f => f.Steps is [{ Kind: FitStepKind.Passthrough }]).ToArray();
                int splitColumn = splitFile is null && training.SplitColumn is not null ? ColumnOf(reader, training.SplitColumn, "the split column") : -1;
                int rowColumn = _positions.RowColumn is null ? -1 : ColumnOf(reader, _positions.RowColumn, "--row-column");
                while (reader.Read())
                {
                    long index = RowsRead++;
                    long position = _positions.Of(reader, rowColumn, index);
                    if (!IsTraining(reader, splitColumn, splitFile, splitFileColumn, index, position))
                    {
                        continue;
                    }

                    for (int f = 0; f < columns.Length; f++)
                    {
                        if (vector[f])
                        {
                            AddVector(fitter, f, reader, columns[f]);
                        }
                        else if (categorical[f])
                        {
                            AddCategory(fitter, f, reader, columns[f]);
                        }
                        else if (reader.TryGetNumber(columns[f], passthrough[f], float32, out double value))
                        {
                            fitter.Value(f, value);
                        }
                        else
                        {
                            fitter.Missing(f);
                        }
                    }

                    if (!fitter.EndRow(position))
                    {
                        throw new CliException($"{reader.Where(Math.Max(rowColumn, 0))}: row position {position} (--row-column '{_positions.RowColumn}') was given to an earlier row too; a position names one row");
                    }

                    TrainingRowsUsed++;
                    if ((index & 0x3FFF) == 0)
                    {
                        progress?.Invoke(bytesBefore + reader.BytesRead);
                    }
                }

                bytesBefore += new System.IO.FileInfo(file).Length;
                progress?.Invoke(bytesBefore);
            }

            if (splitFile is not null && splitFile.Read())
            {
                throw new CliException($"{training.SplitFile}: has more rows than {data.Path} ({RowsRead}); the split file must list one value per data row");
            }
        }
        finally
        {
            splitFile?.Dispose();
        }

        if (allowNoRows)
        {
            return;
        }

        if (RowsRead == 0)
        {
            throw new CliException($"{data.Path}: no data rows");
        }

        if (TrainingRowsUsed == 0)
        {
            throw new CliException($"{data.Path}: none of its {RowsRead} rows is a training row ({training.Describe()})");
        }
    }

    private static void AddVector(IFitTarget fitter, int feature, ITableReader reader, int column)
    {
        if (!reader.TryGetVector(column, out ReadOnlySpan<float> vector))
        {
            fitter.Missing(feature);
            return;
        }

        try
        {
            fitter.Vector(feature, vector);
        }
        catch (ArgumentException wrong)
        {
            throw new CliException($"{reader.Where(column)}: {wrong.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    // A .npy file is one matrix: it feeds the schema's one feature, which must be a vector of the file's width.
    private void NameNpyColumn(NpyTableReader npy)
    {
        if (schema.Features is not [{ IsVector: true } feature])
        {
            throw new CliException($"{npy.Path}: a .npy file holds one matrix of vectors, for a schema of exactly one vector feature; {schema.Origin} has {schema.Features.Count} features ({string.Join(", ", schema.Features.Select(f => f.Name + (f.IsVector ? " (vector)" : string.Empty)))}); give a Parquet file with a column per feature instead");
        }

        npy.NameColumn(feature.Name, feature.Space!, feature.NativeDimension);
    }

    /// <summary>A category cell: text for text features; for a compiled record's integer or enum member, its value.</summary>
    private void AddCategory(IFitTarget fitter, int feature, ITableReader reader, int column)
    {
        FitterFeature shape = schema.Features[feature];
        string? text = reader.GetText(column);
        if (shape.Categories is CategoryKind.String or CategoryKind.Inferred || text is null)
        {
            fitter.Category(feature, text);
            return;
        }

        if (shape.Categories == CategoryKind.Enum)
        {
            int named = Array.IndexOf(shape.EnumNames, text);
            if (named >= 0)
            {
                fitter.Category(feature, shape.EnumValues[named]);
                return;
            }
        }

        // pandas writes an integer column that held a missing value as floats ("5.0").
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double number) && number == Math.Floor(number) && Math.Abs(number) < 9e15)
        {
            fitter.Category(feature, (long)number);
            return;
        }

        string expected = shape.Categories == CategoryKind.Enum ? "a member of the enum (" + string.Join(", ", shape.EnumNames) + ") or its value" : "an integer";
        throw new CliException($"{reader.Where(column)}: column '{reader.Columns[column]}' holds \"{CellText.Shorten(text)}\", which is not {expected}");
    }

    private bool IsTraining(ITableReader reader, int splitColumn, ITableReader? splitFile, int splitFileColumn, long index, long position)
    {
        if (splitFile is not null)
        {
            if (!splitFile.Read())
            {
                throw new CliException($"{training.SplitFile}: has {index} rows but {data.Path} has more; the split file must list one value per data row");
            }

            return splitFile.GetText(splitFileColumn) == training.TrainValue;
        }

        if (splitColumn >= 0)
        {
            return reader.GetText(splitColumn) == training.TrainValue;
        }

        return training.Holdout is null || !training.IsHeldOut(position);
    }

    internal static int ColumnOf(ITableReader reader, string name, string what)
    {
        for (int i = 0; i < reader.Columns.Count; i++)
        {
            if (reader.Columns[i] == name)
            {
                return i;
            }
        }

        IEnumerable<string> near = reader.Columns.Where(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
        string hint = near.Any() ? $" (did you mean '{near.First()}'? names are case-sensitive)" : $" (columns: {string.Join(", ", reader.Columns.Take(20))}{(reader.Columns.Count > 20 ? ", …" : string.Empty)})";
        throw new CliException($"{reader.Path}: no column '{name}' for {what}{hint}");
    }
}
