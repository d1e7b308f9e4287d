using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using NormGuard.Tool.Data;
using Parquet.Serialization;

namespace NormGuard.Tool.Importers;

/// <summary>
/// <c>normguard import spark</c>: a saved Spark ML scaler model directory (or a PipelineModel holding scalers) as a
/// manifest with profile <c>spark</c> and dtype float64.
/// </summary>
/// <remarks>
/// The layout Spark 3.x writes (org.apache.spark.ml.util.DefaultParamsWriter and each model's Writer.saveImpl):
/// <c>metadata/part-00000</c>, one JSON line {class, timestamp, sparkVersion, uid, paramMap, defaultParamMap}, and
/// <c>data/part-*.parquet</c>, one row whose columns are ml.linalg vectors in VectorUDT's encoding, a struct
/// {type: byte (0 sparse, 1 dense), size: int, indices: array&lt;int&gt;, values: array&lt;double&gt;}:
/// StandardScalerModel (std, mean), MinMaxScalerModel (originalMin, originalMax), MaxAbsScalerModel (maxAbs),
/// RobustScalerModel (range, median). A PipelineModel has <c>stages/&lt;index&gt;_&lt;uid&gt;/</c> directories in
/// stage order. Spark 3.0 to 3.5 write the same layout and transform the same way; earlier versions are refused
/// (<see cref="RequireSpark3"/>). A scaler's features are named as Spark's VectorAssembler names its slots
/// (<see cref="SparkSlotNames"/>).
/// Mapping, against each model's transform (Spark 3.x source, see docs/profiles.md):
/// <list type="bullet">
/// <item>StandardScalerModel: zscore {mean: withMean ? mean : 0, std: withStd ? std : 1}. Spark subtracts the mean
/// only withMean and multiplies by (std == 0 ? 0 : 1/std) only withStd; x − 0 and x·1 leave every input as it is,
/// so a mean of 0 and a std of 1 are exactly "not applied" (a std of 1 rather than the fitted std, whose zero rule
/// Spark does not apply without withStd).</item>
/// <item>MinMaxScalerModel: minmax {min: originalMin, max: originalMax, low: min, high: max}.</item>
/// <item>MaxAbsScalerModel: maxabs {maxabs: maxAbs}.</item>
/// <item>RobustScalerModel: robust {center: withCentering ? median : 0, scale: withScaling ? range : 1, lower: 100·lower,
/// upper: 100·upper}.</item>
/// </list>
/// </remarks>
internal static class SparkImporter
{
    private const string Prefix = "org.apache.spark.ml.feature.";

    private sealed record Stage(string Directory, string Class, JsonElement Metadata);

    public static ImportedModel Import(ImportOptions options)
    {
        string path = options.Source;
        if (!Directory.Exists(path))
        {
            throw new CliException(File.Exists(path)
                ? $"{path}: a Spark ML model is a directory (metadata/ and data/), not a file"
                : $"{path}: no such directory");
        }

        Stage root = ReadStage(path);
        var features = new List<ImportedFeature>();
        var classes = new List<string>();
        var slotNames = new SparkSlotNames();
        bool namesGiven = options.Names is not null;
        // Scala's writer, or PySpark's own (pyspark/ml/pipeline.py) when a stage is Python-only: the same stages/ layout.
        if (root.Class is "org.apache.spark.ml.PipelineModel" or "pyspark.ml.pipeline.PipelineModel")
        {
            var ignored = new List<string>();
            foreach (string stageDirectory in StageDirectories(path))
            {
                Stage stage = ReadStage(stageDirectory);
                string shortClass = ShortClass(stage.Class);
                if (stage.Class == Prefix + "VectorAssembler")
                {
                    // VectorAssembler(inputCols -> outputCol): the names of a following scaler's slots
                    if (Param(stage, "outputCol") is { ValueKind: JsonValueKind.String } output && Param(stage, "inputCols") is { ValueKind: JsonValueKind.Array } inputs)
                    {
                        slotNames.Assembler(Describe(stage), output.GetString()!, inputs.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray());
                    }

                    ignored.Add(shortClass);
                }
                else if (IsScaler(stage.Class))
                {
                    features.AddRange(ReadScaler(stage, slotNames, namesGiven, options.Notes));
                    classes.Add(shortClass);
                }
                else
                {
                    if (stage.Class.StartsWith(Prefix, StringComparison.Ordinal) && SparkSlotNames.WritesVector(shortClass))
                    {
                        foreach (string output in OutputColumns(stage))
                        {
                            slotNames.UnknownVector(output, Describe(stage));
                        }
                    }

                    ignored.Add(shortClass);
                }
            }

            if (ignored.Count > 0)
            {
                options.Notes.WriteLine($"note: {path}: imported only the scalers; other stages are not part of the manifest: {string.Join(", ", ignored)}");
            }

            if (features.Count == 0)
            {
                throw new CliException($"{path}: the PipelineModel has no StandardScalerModel, MinMaxScalerModel, MaxAbsScalerModel or RobustScalerModel stage");
            }
        }
        else if (IsScaler(root.Class))
        {
            features.AddRange(ReadScaler(root, slotNames, namesGiven, options.Notes));
            classes.Add(ShortClass(root.Class));
        }
        else
        {
            throw new CliException($"{Path.Combine(path, "metadata")}: class {root.Class} is not a Spark ML scaler model (StandardScalerModel, MinMaxScalerModel, MaxAbsScalerModel, RobustScalerModel) or a PipelineModel");
        }

        IReadOnlyList<string> names = ImportSupport.Names(features.Select(f => f.Name).ToArray(), options.Names, path);
        return new ImportedModel(NormalizationProfile.Spark, ManifestDType.Float64, features.Select((f, i) => f with { Name = names[i] }).ToArray())
        {
            Description = $"Spark {SparkVersion(root)} {string.Join(", ", classes)}",
        };
    }

    private static bool IsScaler(string className) =>
        className is Prefix + "StandardScalerModel" or Prefix + "MinMaxScalerModel" or Prefix + "MaxAbsScalerModel" or Prefix + "RobustScalerModel";

    private static string ShortClass(string className) => className[(className.LastIndexOf('.') + 1)..];

    private static string SparkVersion(Stage stage) =>
        stage.Metadata.TryGetProperty("sparkVersion", out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "?";

    private static IEnumerable<ImportedFeature> ReadScaler(Stage stage, SparkSlotNames slotNames, bool namesGiven, TextWriter notes)
    {
        RequireSpark3(stage, notes);
        Dictionary<string, double[]> data = ReadData(stage.Directory, notes);
        string inputCol = Param(stage, "inputCol") is { ValueKind: JsonValueKind.String } ic ? ic.GetString()! : "features";
        string className = ShortClass(stage.Class);
        double[] Vector(string name) => data.TryGetValue(name, out double[]? v)
            ? v
            : throw new CliException($"{DataDirectory(stage.Directory)}: {className} data has no '{name}' column (columns: {string.Join(", ", data.Keys)})");

        NormalizationStep[] steps;
        switch (className)
        {
            case "StandardScalerModel":
            {
                bool withMean = Bool(stage, "withMean", false);
                bool withStd = Bool(stage, "withStd", true);
                double[] std = Vector("std");
                double[] mean = Vector("mean");
                RequireSameLength(stage, ("std", std), ("mean", mean));
                steps = std.Select((s, i) => (NormalizationStep)new ZScoreStep(withMean ? mean[i] : 0d, withStd ? s : 1d)).ToArray();
                break;
            }

            case "MinMaxScalerModel":
            {
                double low = Double(stage, "min", 0d);
                double high = Double(stage, "max", 1d);

                // MinMaxScalerParams.validateAndTransformSchema: require($(min) < $(max)); Spark's transform refuses the model
                if (!(low < high))
                {
                    throw new CliException($"{Describe(stage)}: params min = {Number(low)} and max = {Number(high)}: Spark's transform requires min < max (MinMaxScalerParams.validateAndTransformSchema), so this model transforms nothing");
                }

                double[] min = Vector("originalMin");
                double[] max = Vector("originalMax");
                RequireSameLength(stage, ("originalMin", min), ("originalMax", max));
                steps = min.Select((m, i) => (NormalizationStep)new MinMaxStep(m, max[i], low, high)).ToArray();
                break;
            }

            case "MaxAbsScalerModel":
                steps = Vector("maxAbs").Select(m => (NormalizationStep)new MaxAbsStep(m)).ToArray();
                break;
            default:
            {
                bool withCentering = Bool(stage, "withCentering", false);
                bool withScaling = Bool(stage, "withScaling", true);
                double lowerFraction = Double(stage, "lower", 0.25);
                double upperFraction = Double(stage, "upper", 0.75);

                // RobustScalerParams: lower and upper in (0, 1) (ParamValidators.inRange(0, 1, false, false)), and
                // validateAndTransformSchema's require($(lower) < $(upper)); Spark refuses such a model
                if (!(lowerFraction > 0 && upperFraction < 1 && lowerFraction < upperFraction))
                {
                    throw new CliException($"{Describe(stage)}: params lower = {Number(lowerFraction)} and upper = {Number(upperFraction)}: Spark requires 0 < lower < upper < 1 (RobustScalerParams), so this model transforms nothing");
                }

                double lower = Percent(lowerFraction);
                double upper = Percent(upperFraction);
                double[] range = Vector("range");
                double[] median = Vector("median");
                RequireSameLength(stage, ("range", range), ("median", median));
                steps = range.Select((r, i) => (NormalizationStep)new RobustStep(withCentering ? median[i] : 0d, withScaling ? r : 1d, lower, upper)).ToArray();
                break;
            }
        }

        string[] names = slotNames.For(inputCol, steps.Length, Describe(stage), namesGiven);
        if (Param(stage, "outputCol") is { ValueKind: JsonValueKind.String } outputCol)
        {
            slotNames.UnnamedVector(outputCol.GetString()!, steps.Length);
        }

        for (int i = 0; i < steps.Length; i++)
        {
            RequireFinite(stage, names[i], steps[i]);
            yield return new ImportedFeature(names[i], steps[i]);
        }
    }

    /// <summary>A stage for messages: its class, uid and directory.</summary>
    private static string Describe(Stage stage) =>
        $"{ShortClass(stage.Class)} '{(stage.Metadata.TryGetProperty("uid", out JsonElement uid) && uid.ValueKind == JsonValueKind.String ? uid.GetString() : "?")}' ({stage.Directory})";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static IEnumerable<string> OutputColumns(Stage stage)
    {
        if (Param(stage, "outputCol") is { ValueKind: JsonValueKind.String } single)
        {
            yield return single.GetString()!;
        }

        if (Param(stage, "outputCols") is { ValueKind: JsonValueKind.Array } many)
        {
            foreach (JsonElement column in many.EnumerateArray())
            {
                if (column.ValueKind == JsonValueKind.String)
                {
                    yield return column.GetString()!;
                }
            }
        }
    }

    /// <summary>
    /// The spark profile is Spark 3.x's transform. Before 3.0 the scalers computed differently: MinMaxScalerModel divided
    /// by the range (SPARK-28499 made it multiply by a precomputed scale/range), MaxAbsScalerModel divided by maxAbs through
    /// Breeze (SPARK-28579), StandardScalerModel ran mllib's transform (SPARK-28399 moved it to getTransformFunc); all three
    /// changes are in 3.0.0. So a model saved by Spark 2.x, or one whose metadata says no version, is refused.
    /// </summary>
    private static void RequireSpark3(Stage stage, TextWriter notes)
    {
        string version = SparkVersion(stage);
        int dot = version.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !int.TryParse(version.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out int major))
        {
            throw new CliException($"{Path.Combine(stage.Directory, "metadata")}: sparkVersion is '{version}': cannot tell which Spark's transform to reproduce (Spark 3.0 to 3.5 are supported)");
        }

        if (major < 3)
        {
            throw new CliException($"{Describe(stage)}: saved by Spark {version}; Spark before 3.0 transformed with other arithmetic (the spark profile reproduces Spark 3.0 to 3.5): refit or re-save the model with Spark 3");
        }

        if (major > 3)
        {
            notes.WriteLine($"note: {Describe(stage)}: saved by Spark {version}; the import follows Spark 3.0 to 3.5's layouts and transforms, and was not checked against Spark {major}");
        }
    }

    // Spark's quantiles are fractions (0.25); a manifest's robust lower/upper are percentiles (25).
    private static double Percent(double fraction) => (double)((decimal)fraction * 100m);

    private static void RequireSameLength(Stage stage, params (string Name, double[] Values)[] vectors)
    {
        if (vectors.Select(v => v.Values.Length).Distinct().Count() > 1)
        {
            throw new CliException($"{DataDirectory(stage.Directory)}: {string.Join(", ", vectors.Select(v => $"{v.Name} has {v.Values.Length} values"))}");
        }
    }

    private static void RequireFinite(Stage stage, string feature, NormalizationStep step)
    {
        double[] parameters = step switch
        {
            ZScoreStep z => [z.Mean, z.Std],
            MinMaxStep m => [m.Min, m.Max, m.Low, m.High],
            MaxAbsStep a => [a.MaxAbs],
            RobustStep r => [r.Center, r.Scale],
            _ => [],
        };
        if (parameters.Any(p => !double.IsFinite(p)))
        {
            throw new CliException($"{DataDirectory(stage.Directory)}: feature '{feature}': {ImportSupport.Describe(step)} has a non-finite parameter");
        }
    }

    // --------------------------------------------------------------------------------------------------------------
    // metadata
    // --------------------------------------------------------------------------------------------------------------

    private static Stage ReadStage(string directory)
    {
        string metadataDirectory = Path.Combine(directory, "metadata");
        string? file = Directory.Exists(metadataDirectory)
            ? Directory.EnumerateFiles(metadataDirectory, "part-*").Where(f => !f.EndsWith(".crc", StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (file is null)
        {
            throw new CliException($"{directory}: not a saved Spark ML model: no metadata/part-00000 (Spark writes metadata/ and data/)");
        }

        string line = File.ReadLines(file).FirstOrDefault(l => l.Trim().Length > 0)
            ?? throw new CliException($"{file}: empty metadata");
        JsonElement metadata;
        try
        {
            metadata = JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new CliException($"{file}: line 1: not JSON: {exception.Message}");
        }

        if (metadata.ValueKind != JsonValueKind.Object || !metadata.TryGetProperty("class", out JsonElement cls) || cls.ValueKind != JsonValueKind.String)
        {
            throw new CliException($"{file}: line 1: Spark metadata without a \"class\"");
        }

        return new Stage(directory, cls.GetString()!, metadata);
    }

    /// <summary>A param: the user's (paramMap), else Spark's default (defaultParamMap, Spark ≥ 2.4), else null.</summary>
    private static JsonElement? Param(Stage stage, string name)
    {
        foreach (string map in new[] { "paramMap", "defaultParamMap" })
        {
            if (stage.Metadata.TryGetProperty(map, out JsonElement m) && m.ValueKind == JsonValueKind.Object && m.TryGetProperty(name, out JsonElement value))
            {
                return value;
            }
        }

        return null;
    }

    private static bool Bool(Stage stage, string name, bool sparkDefault) => Param(stage, name) switch
    {
        null => sparkDefault,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        var other => throw new CliException($"{Path.Combine(stage.Directory, "metadata")}: param {name} is {other}, not a boolean"),
    };

    private static double Double(Stage stage, string name, double sparkDefault) => Param(stage, name) switch
    {
        null => sparkDefault,
        { ValueKind: JsonValueKind.Number } n => n.GetDouble(),
        var other => throw new CliException($"{Path.Combine(stage.Directory, "metadata")}: param {name} is {other}, not a number"),
    };

    private static IEnumerable<string> StageDirectories(string pipeline)
    {
        string stages = Path.Combine(pipeline, "stages");
        if (!Directory.Exists(stages))
        {
            throw new CliException($"{pipeline}: a PipelineModel without a stages/ directory");
        }

        // "<index>_<uid>", in index order
        return Directory.EnumerateDirectories(stages)
            .Select(d => (Directory: d, Name: Path.GetFileName(d)))
            .Select(d => (d.Directory, Index: int.TryParse(d.Name.Split('_')[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : int.MaxValue))
            .OrderBy(d => d.Index)
            .Select(d => d.Directory);
    }

    // --------------------------------------------------------------------------------------------------------------
    // data: one parquet row of VectorUDT structs
    // --------------------------------------------------------------------------------------------------------------

    private static string DataDirectory(string directory) => Path.Combine(directory, "data");

    private static Dictionary<string, double[]> ReadData(string directory, TextWriter notes)
    {
        string dataDirectory = DataDirectory(directory);
        string? file = Directory.Exists(dataDirectory)
            ? Directory.EnumerateFiles(dataDirectory, "*.parquet").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (file is null)
        {
            throw new CliException($"{directory}: no data/part-*.parquet");
        }

        IList<Dictionary<string, object>> rows;
        try
        {
            // Spark writes page checksums (parquet-mr's default): a corrupted parameter page is an error, not a parameter.
            if (ParquetChecksums.VerifyFile(file) is { Unchecked: > 0 } pages)
            {
                notes.WriteLine(string.Create(CultureInfo.InvariantCulture, $"note: {file}: {pages.Unchecked} of {pages.Verified + pages.Unchecked} Parquet pages carry no checksum, so corruption inside them cannot be detected"));
            }

            using FileStream stream = File.OpenRead(file);
            rows = ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult().Data;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not CliException)
        {
            throw new CliException($"{file}: not a readable Parquet file: {exception.Message}");
        }

        if (rows.Count != 1)
        {
            throw new CliException($"{file}: {rows.Count} rows; a Spark model's data has one");
        }

        var vectors = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach ((string column, object value) in rows[0])
        {
            if (value is IDictionary<string, object> vector)
            {
                vectors[column] = ReadVector(vector, file, column);
            }
        }

        return vectors;
    }

    /// <summary>An ml.linalg vector from VectorUDT's struct: dense values, or a sparse (size, indices, values) expanded.</summary>
    private static double[] ReadVector(IDictionary<string, object> vector, string file, string column)
    {
        int type = vector.TryGetValue("type", out object? t) && t is not null ? Convert.ToInt32(t, CultureInfo.InvariantCulture) : -1;
        double[] values = vector.TryGetValue("values", out object? v) && v is IEnumerable items ? items.Cast<object>().Select(x => Convert.ToDouble(x, CultureInfo.InvariantCulture)).ToArray() : [];
        switch (type)
        {
            case 1:
                return values;
            case 0:
                int size = vector.TryGetValue("size", out object? s) && s is not null ? Convert.ToInt32(s, CultureInfo.InvariantCulture) : throw new CliException($"{file}: column {column}: a sparse vector without a size");
                int[] indices = vector.TryGetValue("indices", out object? ix) && ix is IEnumerable list ? list.Cast<object>().Select(x => Convert.ToInt32(x, CultureInfo.InvariantCulture)).ToArray() : [];
                if (indices.Length != values.Length || indices.Any(i => i < 0 || i >= size))
                {
                    throw new CliException($"{file}: column {column}: a sparse vector of size {size} with {indices.Length} indices and {values.Length} values");
                }

                var dense = new double[size];
                for (int i = 0; i < indices.Length; i++)
                {
                    dense[indices[i]] = values[i];
                }

                return dense;
            default:
                throw new CliException($"{file}: column {column} is not an ml.linalg vector (VectorUDT struct with type 0 or 1)");
        }
    }
}
