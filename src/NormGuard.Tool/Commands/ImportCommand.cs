using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using NormGuard.Tool.Data;
using NormGuard.Tool.Importers;

namespace NormGuard.Tool.Commands;

/// <summary>
/// <c>normguard import sklearn|onnx|mlnet|spark</c>: writes a manifest from a model another library fitted, with the
/// parameters chosen so that the profile's arithmetic reproduces that library's transform bit for bit (docs/import.md).
/// </summary>
internal static class ImportCommand
{
    private static readonly string[] Splits = ["train", "validation", "test", "all"];

    public static Command Create()
    {
        var command = new Command("import", "Write a manifest from a fitted scikit-learn pipeline, ONNX Scaler, ML.NET normalizer or Spark ML scaler model.\n" +
            "The parameters reproduce the source library's own transform bit for bit under the matching profile.\n" +
            "Exit 0 when the manifest is written, 1 when the model cannot be read or cannot be represented (the message names the file and feature).");
        command.Subcommands.Add(Sklearn());
        command.Subcommands.Add(Onnx());
        command.Subcommands.Add(MLNet());
        command.Subcommands.Add(Spark());
        return command;
    }

    private static Command Sklearn()
    {
        var common = new Common("A pickle (or joblib) file of a fitted ColumnTransformer, Pipeline or scaler");
        var python = new Option<string>("--python") { Description = "The Python interpreter that has the scikit-learn that fitted the model", DefaultValueFactory = _ => "python3" };
        var dtype = new Option<string>("--dtype") { Description = "The precision the pipeline computed in (default: read from the fitted attributes, else float64)" }
            .AcceptOnlyFromAmong("float32", "float64");
        var space = new Option<string>("--space") { Description = "Embeddings: the object (StandardScaler, PCA, IncrementalPCA, Normalizer or a Pipeline of them) transforms one vector feature of this embedding space" };
        var model = new Option<string>("--model") { Description = "Embeddings (with --space): the id of the model that produces the vectors" };
        var revision = new Option<string>("--revision") { Description = "Embeddings (with --space): the model's revision" };
        var feature = new Option<string>("--feature") { Description = "Embeddings (with --space): the vector feature's name (default Embedding)" };
        var command = new Command("sklearn", "Import a pickled scikit-learn preprocessing object (profile sklearn), through the Python exporter shipped with the tool (normguard_export.py).\n" +
            "Supported: ColumnTransformer, Pipeline, StandardScaler, MinMaxScaler, MaxAbsScaler, RobustScaler, OneHotEncoder, FunctionTransformer(np.log1p | np.log | np.clip), 'passthrough', 'drop'.\n" +
            "With --space and --model: a StandardScaler, PCA (whiten), IncrementalPCA, Normalizer(norm='l2') or a Pipeline of them fitted on float32 embeddings, as one vector feature.");
        common.AddTo(command);
        command.Options.Add(python);
        command.Options.Add(dtype);
        command.Options.Add(space);
        command.Options.Add(model);
        command.Options.Add(revision);
        command.Options.Add(feature);
        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            SklearnImporter.EmbeddingImport? embedding = Embedding(parse.GetValue(space), parse.GetValue(model), parse.GetValue(revision), parse.GetValue(feature), parse.GetValue(dtype));
            Common.Values values = common.Read(parse, "sklearn", stderr);
            if (embedding is not null && values.Names is not null)
            {
                throw new CliException("--names names the columns of a table; an embedding import names its one vector feature with --feature");
            }

            (Manifest manifest, bool written) = SklearnImporter.Import(new SklearnImporter.Request(
                values.Source,
                parse.GetValue(python)!,
                values.Destination,
                values.FeatureSet,
                values.Version,
                values.Split.ToString().ToLowerInvariant(),
                values.Names,
                parse.GetValue(dtype),
                values.FittedAt,
                stderr) { Embedding = embedding });
            Summary(stdout, manifest, values, "scikit-learn", written);
            Common.NoteAssumedSplit(stderr, values);
            return Cli.Ok;
        });
        return command;
    }

    private static SklearnImporter.EmbeddingImport? Embedding(string? space, string? model, string? revision, string? feature, string? dtype)
    {
        if (space is null)
        {
            return model is null && revision is null && feature is null
                ? null
                : throw new CliException("--model, --revision and --feature describe an embedding space: give its name with --space");
        }

        if (model is null)
        {
            throw new CliException("--space needs --model: the id of the model that produces the vectors (for example sentence-transformers/all-MiniLM-L6-v2)");
        }

        return dtype == "float64"
            ? throw new CliException("an embedding transform is imported with dtype float32 (embeddings are float32); leave out --dtype float64")
            : new SklearnImporter.EmbeddingImport(feature ?? "Embedding", space, model, revision);
    }

    private static Command Onnx()
    {
        var common = new Common("An .onnx model with an ai.onnx.ml Scaler (optionally followed by Add), or skl2onnx's Mul → Add min-max form");
        var labels = LabelsOption();
        var command = new Command("onnx", "Import the ai.onnx.ml Scaler of an ONNX model (profile onnx, dtype float32): offset/scale (and an Add after it) per feature.\n" +
            "A lane (x − offset)·scale becomes zscore {mean = offset, std} with f32(1/std) == scale; a lane x·scale + add becomes minmax.");
        common.AddTo(command);
        command.Options.Add(labels);
        command.SetAction(parse => Import(parse, common, "onnx", OnnxImporter.Import, parse.GetValue(labels)));
        return command;
    }

    private static Command MLNet()
    {
        var common = new Common("A saved ML.NET model (.zip) with NormalizingTransformers (NormalizeMeanVariance, NormalizeMinMax, NormalizeRobustScaling)");
        var labels = LabelsOption();
        var command = new Command("mlnet", "Import the affine normalizers of a saved ML.NET model (profile mlnet, dtype float32), fixZero resolved into offset and scale.\n" +
            "ML.NET saves only offset and scale: each feature is written as zscore unless --as says minmax, maxabs (NormalizeMinMax with fixZero) or robust.");
        common.AddTo(command);
        command.Options.Add(labels);
        command.SetAction(parse => Import(parse, common, "mlnet", MLNetImporter.Import, parse.GetValue(labels)));
        return command;
    }

    private static Command Spark()
    {
        var common = new Common("A saved Spark ML model directory: StandardScalerModel, MinMaxScalerModel, MaxAbsScalerModel, RobustScalerModel, or a PipelineModel holding them");
        var command = new Command("spark", "Import a saved Spark ML scaler model directory (metadata/ + data/ parquet; profile spark, dtype float64).\n" +
            "Fit at any scale in Spark, import here, and bind the manifest at build time.");
        common.AddTo(command);
        command.SetAction(parse => Import(parse, common, "spark", SparkImporter.Import, null));
        return command;
    }

    private static Option<string> LabelsOption() => new("--as")
    {
        Description = "The op each feature's step is written as: zscore (default), robust, maxabs or minmax; one for all features, or a comma-separated list with one per feature",
    };

    private static int Import(ParseResult parse, Common common, string kind, Func<ImportOptions, ImportedModel> importer, string? labels)
    {
        TextWriter stdout = parse.InvocationConfiguration.Output;
        TextWriter stderr = parse.InvocationConfiguration.Error;
        Common.Values values = common.Read(parse, kind, stderr);
        if (kind != "spark")
        {
            InputFiles.Existing(values.Source, kind == "onnx" ? "an .onnx model file" : "an ML.NET model .zip file");
        }
        else if (!Directory.Exists(values.Source) && !File.Exists(values.Source))
        {
            throw new CliException($"{values.Source}: no such directory");
        }

        ImportedModel imported = importer(new ImportOptions
        {
            Source = values.Source,
            Names = values.Names,
            As = labels is null ? null : Common.List(labels, "--as"),
            Notes = stderr,
        });
        string sourceName = ImportSupport.SourceName(values.Source);
        var manifest = new Manifest
        {
            FeatureSet = values.FeatureSet,
            Version = values.Version,
            Profile = imported.Profile,
            DType = imported.DType,
            Fit = new FitProvenance
            {
                Split = values.Split,
                Rows = imported.Rows,
                Source = sourceName,
                SourceSha256 = ImportSupport.Sha256(values.Source),
                FittedAt = values.FittedAt,
                Tool = $"normguard import {kind} from {sourceName}",
            },
            Features = imported.Features.Select(f => new FeatureManifest { Name = f.Name, Steps = [f.Step], Missing = f.Missing ?? MissingPolicy(f.Step), MLNetVectorColumn = f.MLNetVectorColumn }).ToArray(),
        };

        bool written = values.Destination.Write(manifest);

        // what the build will read: the saved text, parsed by the generator's reader
        Manifest saved = Manifest.Load(values.Output);
        Summary(stdout, saved, values, imported.Description, written);
        Common.NoteAssumedSplit(stderr, values);
        return Cli.Ok;
    }

    /// <summary>
    /// The scalers of scikit-learn, ONNX (ai.onnx.ml.Scaler), ML.NET and Spark ML pass NaN through, and NormGuard counts NaN
    /// as missing, so an imported scaler declares "propagate" to reproduce its library; the default "error" would refuse
    /// inputs the library transforms. An imported one-hot encoder keeps "error": scikit-learn's refuses a missing value
    /// it did not see in training as an unknown category.
    /// </summary>
    private static MissingValuePolicy MissingPolicy(NormalizationStep step) =>
        step is OneHotStep ? MissingValuePolicy.Error : MissingValuePolicy.Propagate;

    private static void Summary(TextWriter stdout, Manifest manifest, Common.Values values, string? description, bool written)
    {
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"imported '{manifest.FeatureSet}' v{manifest.Version} ({Options.ProfileName(manifest.Profile)}, {(manifest.DType == ManifestDType.Float32 ? "float32" : "float64")}, {manifest.Features.Count} features) from {values.Source}{(description is null ? string.Empty : " [" + description + "]")} -> {values.Output}{(written ? string.Empty : " (unchanged: it already holds this import)")}"));
        int width = Math.Min(24, manifest.Features.Max(f => f.Name.Length));
        foreach (FeatureManifest feature in manifest.Features)
        {
            stdout.WriteLine("  " + feature.Name.PadRight(width) + "  " + string.Join(", ", feature.Steps.Select(ImportSupport.Describe)));
        }

        stdout.WriteLine("sha256 " + manifest.Sha256);
    }

    /// <summary>The options every import has, created per subcommand.</summary>
    private sealed class Common(string sourceDescription)
    {
        private readonly Argument<string> _source = new("model") { Description = sourceDescription };
        private readonly Option<string> _output = new("--out") { Description = "Where to write the manifest (default <feature-set>.normguard.json)" };
        private readonly Option<string> _featureSet = new("--feature-set") { Description = "The feature set's name, as in [FeatureSet(\"…\")] (default: the model's file or directory name)" };
        private readonly Option<int> _version = new("--version") { Description = "The manifest's version (default 1); increment it on every refit", DefaultValueFactory = _ => 1 };
        private readonly Option<string> _split = new Option<string>("--split") { Description = "The data the model was fitted on: train, validation, test or all (default: train, on your word — none of these formats records it)" }.AcceptOnlyFromAmong(Splits);
        private readonly Option<string> _names = new("--names") { Description = "Comma-separated feature names, in the model's column order (for models that have none, or to rename)" };
        private readonly Option<DateTimeOffset?> _fittedAt = new("--fitted-at") { Description = "Timestamp to record (default now), for reproducible manifests" };
        private readonly Option<bool> _force = new("--force") { Description = "Replace --out even when it holds the same version with other parameters, another feature set's manifest, a newer version or another file" };

        public void AddTo(Command command)
        {
            command.Arguments.Add(_source);
            command.Options.Add(_output);
            command.Options.Add(_featureSet);
            command.Options.Add(_version);
            command.Options.Add(_split);
            command.Options.Add(_names);
            command.Options.Add(_fittedAt);
            command.Options.Add(_force);
        }

        public Values Read(ParseResult parse, string kind, TextWriter stderr)
        {
            string source = parse.GetValue(_source)!;
            int version = parse.GetValue(_version);
            if (version < 1)
            {
                throw new CliException($"--version must be a positive integer, not {version}");
            }

            string featureSet = parse.GetValue(_featureSet) ?? DefaultFeatureSet(source);
            if (featureSet.Length == 0)
            {
                throw new CliException("--feature-set must not be empty");
            }

            DataSplit split = parse.GetValue(_split) switch
            {
                "validation" => DataSplit.Validation,
                "test" => DataSplit.Test,
                "all" => DataSplit.All,
                _ => DataSplit.Train,
            };
            string? names = parse.GetValue(_names);
            string output = parse.GetValue(_output) ?? featureSet + ".normguard.json";
            return new Values(
                kind,
                source,
                output,
                ManifestOutput.Open(output, featureSet, version, parse.GetValue(_force), "import"),
                featureSet,
                version,
                split,
                names is null ? null : List(names, "--names"),
                parse.GetValue(_fittedAt) ?? DateTimeOffset.UtcNow,
                SplitAssumed: parse.GetValue(_split) is null);
        }

        /// <summary>None of the four formats records which rows a model was fitted on: without --split the user's word is
        /// "train", said once the manifest is written (not when the import failed).</summary>
        public static void NoteAssumedSplit(TextWriter stderr, Values values)
        {
            if (values.SplitAssumed)
            {
                stderr.WriteLine($"note: {values.Source} does not record which rows it was fitted on; recorded \"split\": \"train\" on your word. If it was fitted on anything but the training split, say so with --split validation|test|all (a build that binds the manifest then reports NG0005).");
            }
        }

        public static IReadOnlyList<string> List(string text, string option)
        {
            string[] items = text.Split(',').Select(s => s.Trim()).ToArray();
            return items.Any(s => s.Length == 0)
                ? throw new CliException($"{option} '{text}' has an empty item; give a comma-separated list such as a,b,c")
                : items;
        }

        private static string DefaultFeatureSet(string source)
        {
            string name = ImportSupport.SourceName(source);
            return Directory.Exists(source) ? name : Path.GetFileNameWithoutExtension(name);
        }

        public sealed record Values(string Kind, string Source, string Output, ManifestOutput Destination, string FeatureSet, int Version, DataSplit Split, IReadOnlyList<string>? Names, DateTimeOffset FittedAt, bool SplitAssumed);
    }
}
