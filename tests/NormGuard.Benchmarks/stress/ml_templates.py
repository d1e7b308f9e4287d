"""C# templates of make_ml_solution.py: the files of one ML domain and one plain (non-ML) module.

Tokens replaced per domain: __D__ (PascalCase domain name), __d__ (lower case), __NS__ (namespace), and the ones
each template lists. Kept apart from the generator so that the C# reads as C#.
"""

# ------------------------------------------------------------------------------------------------------
# ML domain: ML.NET input/output rows and a NormGuard feature record
# ------------------------------------------------------------------------------------------------------

ROW = r'''// Written by make_ml_solution.py.
using System;
using System.Globalization;
using Microsoft.ML.Data;

namespace __NS__.Model;

/// <summary>One row of __d__.csv as ML.NET loads it.</summary>
public sealed class __D__Row
{
__COLUMNS__

    public static __D__Row Parse(string line)
    {
        string[] f = line.Split(',');
        if (f.Length < __NCOLS__)
        {
            throw new FormatException($"__d__ row: expected __NCOLS__ fields, found {f.Length}: '{line}'");
        }

        return new __D__Row
        {
__PARSE__
        };
    }

    public bool IsComplete() =>
__COMPLETE__;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"__D__Row(day {Day}, segment {Segment}, label {Label})");
}

/// <summary>What the __d__ model predicts for one row.</summary>
public sealed class __D__Prediction
{
__PREDICTION__
}
'''

FEATURES = r'''// Written by make_ml_solution.py.
using NormGuard;

namespace __NS__.Model;

/// <summary>The __d__ features as the served model sees them; parameters in __d__.normguard.json.</summary>
[FeatureSet("__d__", Version = __VERSION__)]
public partial __KIND__ __D__Features
{
__MEMBERS__

    public static __D__Features From(__D__Row row) => new __D__Features
    {
__FROM__
    };
}
'''

# ------------------------------------------------------------------------------------------------------
# ML domain: loading, splitting, pipelines, data preparation, training, refitting the manifest, serving
# ------------------------------------------------------------------------------------------------------

LOADER = r'''// Written by make_ml_solution.py.
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.ML;
using __NS__.Model;

namespace __NS__.Data;

public static class __D__Loader
{
    public const string TrainingFile = "data/__d__/train.csv";
    public const string TestFile = "data/__d__/test.csv";

    public static IDataView Load(MLContext ml, string path) =>
        ml.Data.LoadFromTextFile<__D__Row>(path, hasHeader: true, separatorChar: ',');

    public static async Task<List<__D__Row>> ReadRowsAsync(string path, CancellationToken cancellationToken = default)
    {
        var rows = new List<__D__Row>();
        using StreamReader reader = File.OpenText(path);
        if (await reader.ReadLineAsync(cancellationToken) is null)
        {
            return rows;
        }

        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            rows.Add(__D__Row.Parse(line));
        }

        return rows;
    }

    public static async Task<IDataView> LoadCompleteAsync(MLContext ml, string path, CancellationToken cancellationToken = default)
    {
        List<__D__Row> rows = await ReadRowsAsync(path, cancellationToken);
        return ml.Data.LoadFromEnumerable(rows.Where(r => r.IsComplete()).ToList());
    }

    public static List<__D__Features> ReadFeatures(string path) =>
        File.ReadLines(path).Skip(1).Select(__D__Row.Parse).Where(r => r.IsComplete()).Select(__D__Features.From).ToList();

    public static Dictionary<string, List<__D__Row>> BySegment(IEnumerable<__D__Row> rows) =>
        rows.GroupBy(r => r.Segment).ToDictionary(g => g.Key, g => g.ToList());
}
'''

SPLITS = r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using __NS__.Model;

namespace __NS__.Data;

public static class __D__Splits
{
    public static DataOperationsCatalog.TrainTestData Holdout(MLContext ml, IDataView data, double testFraction, int seed) =>
        ml.Data.TrainTestSplit(data, testFraction: testFraction, seed: seed);

    public static (List<__D__Row> Train, List<__D__Row> Test) ByDay(IReadOnlyList<__D__Row> rows, float cutoffDay) =>
        (rows.Where(r => r.Day < cutoffDay).ToList(), rows.Where(r => r.Day >= cutoffDay).ToList());

    public static (List<T> Earlier, List<T> Later) Chronological<T>(IReadOnlyList<T> ordered, double laterFraction)
    {
        int earlier = (int)Math.Round(ordered.Count * (1 - laterFraction));
        return (ordered.Take(earlier).ToList(), ordered.Skip(earlier).ToList());
    }

    public static List<List<__D__Row>> Folds(IEnumerable<__D__Row> rows, int count) =>
        rows.Select((row, index) => (row, index)).GroupBy(p => p.index % count).Select(g => g.Select(p => p.row).ToList()).ToList();

    public static IDataView Window(MLContext ml, IDataView data, float fromDay, float toDay) =>
        ml.Data.FilterRowsByColumn(data, nameof(__D__Row.Day), fromDay, toDay);
}
'''

PIPELINES = r'''// Written by make_ml_solution.py.
using System.Linq;
using Microsoft.ML;

namespace __NS__.Training;

/// <summary>The __d__ pipeline, built up in steps that the trainer, the data preparation and the experiments share.</summary>
public static class __D__Pipelines
{
    public static readonly string[] NumericColumns = { __NUMERIC__ };

    public static string[] FeatureColumns(bool withSegment) =>
        withSegment ? NumericColumns.Append("SegmentEncoded").ToArray() : NumericColumns;

    public static IEstimator<ITransformer> Featurize(MLContext ml) =>
__FEATURIZE__
            .Append(ml.Transforms.Categorical.OneHotEncoding("SegmentEncoded", "Segment"));

    public static IEstimator<ITransformer> Assemble(MLContext ml) =>
        Featurize(ml).Append(ml.Transforms.Concatenate("Features", FeatureColumns(withSegment: true)));

    public static IEstimator<ITransformer> Scaled(MLContext ml) =>
        Assemble(ml).Append(ml.Transforms.__NORMALIZER__("Features"));

    public static IEstimator<ITransformer> Full(MLContext ml) =>
        Scaled(ml).Append(ml.__CATALOG__.Trainers.__TRAINER__(labelColumnName: "Label", featureColumnName: "Features"));

    public static IEstimator<ITransformer> Unscaled(MLContext ml) =>
        Assemble(ml).Append(ml.__CATALOG__.Trainers.__TRAINER__(labelColumnName: "Label", featureColumnName: "Features"));
}
'''

DATAPREP = r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using Microsoft.ML;
using __NS__.Data;
using __NS__.Training;

namespace __NS__.Prep;

/// <summary>Holds the loaded __d__ data and the scaler fitted on its training part.</summary>
public sealed class __D__DataPrep
{
    private readonly MLContext _ml;
    private readonly IDataView _data;
    private ITransformer? _scaler;

    public __D__DataPrep(MLContext ml, string path)
    {
        _ml = ml;
        _data = __D__Loader.Load(ml, path);
    }

    public long? RowCount => _data.GetRowCount();

    public ITransformer FitScaler(IDataView rows) => __D__Pipelines.Scaled(_ml).Fit(rows);

    public (IDataView Train, IDataView Test) PrepareSplit(double testFraction, int seed)
    {
        DataOperationsCatalog.TrainTestData split = __D__Splits.Holdout(_ml, _data, testFraction, seed);
        _scaler = FitScaler(split.TrainSet);
        return (_scaler.Transform(split.TrainSet), _scaler.Transform(split.TestSet));
    }

    public IEnumerable<(IDataView Train, IDataView Test)> ScaledFolds(int count, int seed)
    {
        foreach (DataOperationsCatalog.TrainTestData fold in _ml.Data.CrossValidationSplit(_data, numberOfFolds: count, seed: seed))
        {
            ITransformer scaler = FitScaler(fold.TrainSet);
            yield return (scaler.Transform(fold.TrainSet), scaler.Transform(fold.TestSet));
        }
    }

    public IDataView Apply(IDataView rows) =>
        (_scaler ?? throw new InvalidOperationException("__D__DataPrep: call PrepareSplit before Apply")).Transform(rows);
}
'''

TRAINER = r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;
using __NS__.Data;
using __NS__.Reports;

namespace __NS__.Training;

public sealed record __D__RunResult(ITransformer Model, __METRICS__ Metrics, long TrainingRows);

public sealed class __D__Trainer
{
    private readonly MLContext _ml;
    private readonly __D__Options _options;
    private readonly Action<string> _log;

    public __D__Trainer(MLContext ml, __D__Options options, Action<string> log)
    {
        _ml = ml;
        _options = options;
        _log = log;
    }

    public async Task<__D__RunResult> RunAsync(string path, CancellationToken cancellationToken)
    {
        IDataView data = await __D__Loader.LoadCompleteAsync(_ml, path, cancellationToken);
        DataOperationsCatalog.TrainTestData split = __D__Splits.Holdout(_ml, data, _options.TestFraction, _options.Seed);
        ITransformer model = Train(split.TrainSet);
        __METRICS__ metrics = Evaluate(model, split.TestSet);
        _log(__D__Report.Describe(metrics));
        return new __D__RunResult(model, metrics, split.TrainSet.GetRowCount() ?? -1);
    }

    public ITransformer Train(IDataView training) => __D__Pipelines.Full(_ml).Fit(training);

    public __METRICS__ Evaluate(ITransformer model, IDataView test) =>
        _ml.__CATALOG__.Evaluate(model.Transform(test), labelColumnName: "Label");

    public double CrossValidate(IDataView data, int folds)
    {
        var results = _ml.__CATALOG__.CrossValidate(data, __D__Pipelines.Full(_ml), numberOfFolds: folds, labelColumnName: "Label", seed: _options.Seed);
        return results.Average(r => r.Metrics.__SCORE__);
    }

    public IReadOnlyList<double> ManualFolds(IDataView data, int folds)
    {
        var scores = new List<double>();
        foreach (DataOperationsCatalog.TrainTestData fold in _ml.Data.CrossValidationSplit(data, numberOfFolds: folds, seed: _options.Seed))
        {
            ITransformer model = Train(fold.TrainSet);
            scores.Add(Evaluate(model, fold.TestSet).__SCORE__);
        }

        return scores;
    }

    public __METRICS__ TrainOnFiles()
    {
        IDataView training = __D__Loader.Load(_ml, __D__Loader.TrainingFile);
        IDataView test = __D__Loader.Load(_ml, __D__Loader.TestFile);
        ITransformer model = Train(training);
        return Evaluate(model, test);
    }

    public __METRICS__ Backtest(IDataView data, float cutoffDay)
    {
        IDataView before = __D__Splits.Window(_ml, data, 0, cutoffDay);
        IDataView after = __D__Splits.Window(_ml, data, cutoffDay, float.MaxValue);
        ITransformer model = Train(before);
        return Evaluate(model, after);
    }
}
'''

MANIFEST_JOB = r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NormGuard;
using __NS__.Data;
using __NS__.Model;

namespace __NS__.Training;

/// <summary>Refits the __d__ normalization parameters on the training rows and writes the manifest.</summary>
public static class __D__ManifestJob
{
    public static FeatureSetFitter<__D__Features> FitterFor(IEnumerable<__D__Features> rows)
    {
        FeatureSetFitter<__D__Features> fitter = __D__Features.CreateFitter();
        foreach (__D__Features row in rows)
        {
            fitter.Add(row);
        }

        return fitter;
    }

    public static FeatureSetFitter<__D__Features> FitPartitions(IReadOnlyList<List<__D__Features>> partitions)
    {
        FeatureSetFitter<__D__Features> total = __D__Features.CreateFitter();
        foreach (List<__D__Features> partition in partitions)
        {
            total.Merge(FitterFor(partition));
        }

        return total;
    }

    public static async Task<Manifest> RefitAsync(string path, int version, CancellationToken cancellationToken)
    {
        List<__D__Row> rows = await __D__Loader.ReadRowsAsync(path, cancellationToken);
        (List<__D__Row> train, List<__D__Row> holdout) = __D__Splits.Chronological(rows.OrderBy(r => r.Day).ToList(), 0.2);
        List<__D__Features> features = train.Where(r => r.IsComplete()).Select(__D__Features.From).ToList();
        FeatureSetFitter<__D__Features> fitter = FitterFor(features);
        Console.WriteLine($"__d__: fitted on {features.Count} rows, {holdout.Count} held out");
        return fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = features.Count, Source = path }, version);
    }

    public static Manifest RefitFromFile(int version)
    {
        __D__Features[] train = __D__Loader.ReadFeatures(__D__Loader.TrainingFile).ToArray();
        FeatureSetFitter<__D__Features> fitter = __D__Features.CreateFitter();
        fitter.Add(train);
        return fitter.ToManifest(new FitProvenance { Split = DataSplit.Train, Rows = train.Length, Source = __D__Loader.TrainingFile }, version);
    }

    public static void Save(Manifest manifest, string directory) =>
        manifest.Save(Path.Combine(directory, "__d__.normguard.json"));
}
'''

SCORER = r'''// Written by make_ml_solution.py.
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;
using __NS__.Model;

namespace __NS__.Serving;

/// <summary>Turns incoming __d__ rows into the model's input vectors with the generated normalization.</summary>
public sealed class __D__Scorer
{
    private readonly float[] _buffer = new float[__D__Features.Width];

    public float[] Vector(__D__Row row)
    {
        __D__Features features = __D__Features.From(row);
        features.Normalize(_buffer);
        return (float[])_buffer.Clone();
    }

    public float[] Batch(IReadOnlyList<__D__Row> rows)
    {
        __D__Features[] features = rows.Select(__D__Features.From).ToArray();
        var output = new float[features.Length * __D__Features.Width];
        __D__Features.NormalizeBatch(features, output);
        return output;
    }

    public static PredictionEngine<__D__Row, __D__Prediction> Engine(MLContext ml, ITransformer model) =>
        ml.Model.CreatePredictionEngine<__D__Row, __D__Prediction>(model);
}
'''

EXPERIMENTS = r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.ML;
using __NS__.Prep;
using __NS__.Reports;

namespace __NS__.Training;

/// <summary>What the nightly job runs for __d__: the hold-out run, cross-validation and the manifest refit.</summary>
public sealed class __D__Experiments
{
    private readonly MLContext _ml = new MLContext(seed: __SEED__);
    private readonly List<string> _lines = new List<string>();

    public IReadOnlyList<string> Lines => _lines;

    public async Task<int> RunAllAsync(string path, CancellationToken cancellationToken)
    {
        __D__Options options = __D__Options.Parse(new[] { "--test-fraction", "0.2", "--seed", "__SEED__" });
        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            _lines.AddRange(problems);
            return 2;
        }

        __D__RunResult result = await RunExperimentAsync(path, options, cancellationToken);
        _lines.Add($"__d__: trained on {result.TrainingRows} rows");
        _lines.Add(__D__Report.Summary(CrossValidateFolds(path, options)));
        await __D__ManifestJob.RefitAsync(path, version: __VERSION__ + 1, cancellationToken);
        return 0;
    }

    private Task<__D__RunResult> RunExperimentAsync(string path, __D__Options options, CancellationToken cancellationToken) =>
        new __D__Trainer(_ml, options, _lines.Add).RunAsync(path, cancellationToken);

    private IReadOnlyList<double> CrossValidateFolds(string path, __D__Options options)
    {
        var prep = new __D__DataPrep(_ml, path);
        var trainer = new __D__Trainer(_ml, options, _lines.Add);
        var scores = new List<double>();
        foreach ((IDataView train, IDataView test) in prep.ScaledFolds(options.Folds, options.Seed))
        {
            ITransformer model = __D__Pipelines.Unscaled(_ml).Fit(train);
            scores.Add(trainer.Evaluate(model, test).__SCORE__);
        }

        return scores;
    }

    public double Compare(string path)
    {
        var prep = new __D__DataPrep(_ml, path);
        (IDataView train, IDataView test) = prep.PrepareSplit(0.25, __SEED__);
        ITransformer model = __D__Pipelines.Unscaled(_ml).Fit(train);
        double score = new __D__Trainer(_ml, __D__Options.Default, _lines.Add).Evaluate(model, test).__SCORE__;
        return Math.Round(score, 4);
    }
}
'''

# ------------------------------------------------------------------------------------------------------
# ML domain: the ordinary code around it (options, reports, an account service, an API facade)
# ------------------------------------------------------------------------------------------------------

OPTIONS = r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace __NS__.Training;

public sealed class __D__Options
{
    public static readonly __D__Options Default = new __D__Options();

    public double TestFraction { get; private set; } = 0.2;

    public int Seed { get; private set; } = __SEED__;

    public int Folds { get; private set; } = 5;

    public string Output { get; private set; } = "out/__d__";

    public static __D__Options Parse(IReadOnlyList<string> args)
    {
        var options = new __D__Options();
        for (int i = 0; i + 1 < args.Count; i += 2)
        {
            string value = args[i + 1];
            switch (args[i])
            {
                case "--test-fraction":
                    options.TestFraction = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--seed":
                    options.Seed = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--folds":
                    options.Folds = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--output":
                    options.Output = value;
                    break;
                default:
                    throw new ArgumentException($"__d__: unknown option '{args[i]}'");
            }
        }

        return options;
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (TestFraction <= 0 || TestFraction >= 1)
        {
            problems.Add($"--test-fraction must be between 0 and 1, not {TestFraction.ToString(CultureInfo.InvariantCulture)}");
        }

        if (Folds < 2)
        {
            problems.Add($"--folds must be at least 2, not {Folds}");
        }

        if (string.IsNullOrWhiteSpace(Output))
        {
            problems.Add("--output must name a directory");
        }

        return problems;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"test {TestFraction:P0}, seed {Seed}, {Folds} folds, output {Output}");
}
'''

REPORT = r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.ML.Data;

namespace __NS__.Reports;

public static class __D__Report
{
    public static string Describe(__METRICS__ metrics) =>
        string.Create(CultureInfo.InvariantCulture, $"__d__: __SCORE__ {metrics.__SCORE__:0.0000}, __SCORE2__ {metrics.__SCORE2__:0.0000}");

    public static string Summary(IReadOnlyList<double> scores)
    {
        if (scores.Count == 0)
        {
            return "__d__: no folds";
        }

        double sum = 0, squares = 0;
        foreach (double score in scores)
        {
            sum += score;
            squares += score * score;
        }

        double mean = sum / scores.Count;
        double spread = Math.Sqrt(Math.Max(0, squares / scores.Count - mean * mean));
        return string.Create(CultureInfo.InvariantCulture, $"__d__: {scores.Count} folds, {mean:0.0000} ± {spread:0.0000}");
    }

    public static string Table(IReadOnlyList<(string Name, double Value)> rows)
    {
        int width = 4;
        foreach ((string name, double _) in rows)
        {
            width = Math.Max(width, name.Length);
        }

        var text = new StringBuilder();
        text.Append(Pad("name", width)).AppendLine(" | value");
        text.Append('-', width).AppendLine("-|------");
        foreach ((string name, double value) in rows)
        {
            text.Append(Pad(name, width)).Append(" | ").AppendLine(value.ToString("0.####", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    public static string Duration(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1 ? $"{(int)elapsed.TotalHours} h {elapsed.Minutes} min"
        : elapsed.TotalMinutes >= 1 ? $"{elapsed.Minutes} min {elapsed.Seconds} s"
        : string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s");

    private static string Pad(string text, int width) => text.Length >= width ? text : text + new string(' ', width - text.Length);
}
'''

# A plain module: an entity, its repository, validation, formatting, a service and an API facade. Used for the ML
# domains' account handling and, alone, for the modules with no ML at all. Tokens: __E__ (entity name).
MODULE = r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using __ROOT__.Common;

namespace __NS__.__E__s;

public sealed record __E__(string Id, string Name, string Email, DateTime CreatedAt, decimal Balance, IReadOnlyList<string> Tags);

public sealed record Create__E__Request(string? Name, string? Email, decimal? Balance, string? Tags);

public sealed record __E__Response(string Id, string DisplayName, string Balance, string Created);

public sealed class __E__Repository
{
    private readonly Dictionary<string, __E__> _items = new Dictionary<string, __E__>(StringComparer.Ordinal);

    public int Count => _items.Count;

    public void Upsert(__E__ item) => _items[item.Id] = item;

    public bool TryGet(string id, out __E__? item) => _items.TryGetValue(id, out item);

    public bool Remove(string id) => _items.Remove(id);

    public IReadOnlyList<__E__> Page(int page, int size) =>
        _items.Values.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).Skip(page * size).Take(size).ToList();

    public IReadOnlyList<__E__> Search(string text) =>
        _items.Values.Where(i => i.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || i.Email.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();

    public IReadOnlyDictionary<string, int> CountByTag() =>
        _items.Values.SelectMany(i => i.Tags).GroupBy(t => t, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
}

public static class __E__Validation
{
    public static IReadOnlyList<string> Check(Create__E__Request request)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            problems.Add("name is required");
        }
        else if (request.Name.Length > 200)
        {
            problems.Add("name is longer than 200 characters");
        }

        if (!IsEmail(request.Email))
        {
            problems.Add($"'{request.Email}' is not an e-mail address");
        }

        if (request.Balance is < 0)
        {
            problems.Add("balance may not be negative");
        }

        return problems;
    }

    public static bool IsEmail(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        int at = text.IndexOf('@');
        return at > 0 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1 && !text.EndsWith('.');
    }

    public static IReadOnlyList<string> ParseTags(string? tags) =>
        string.IsNullOrWhiteSpace(tags)
            ? Array.Empty<string>()
            : tags.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}

public static class __E__Format
{
    public static __E__Response ToResponse(__E__ item) =>
        new __E__Response(item.Id, DisplayName(item), Money.Format(item.Balance, "__CUR__"), item.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static string DisplayName(__E__ item) => Strings.Truncate(Strings.TitleCase(item.Name), 40);

    public static string ToCsv(__E__ item) =>
        string.Join(",", Csv.Escape(item.Id), Csv.Escape(item.Name), Csv.Escape(item.Email), item.Balance.ToString(CultureInfo.InvariantCulture), Csv.Escape(string.Join(";", item.Tags)));

    public static __E__ FromCsv(string line, DateTime createdAt)
    {
        IReadOnlyList<string> cells = Csv.Split(line);
        if (cells.Count < 5)
        {
            throw new FormatException($"__E__ CSV: expected 5 cells, found {cells.Count}");
        }

        return new __E__(cells[0], cells[1], cells[2], createdAt, decimal.Parse(cells[3], CultureInfo.InvariantCulture), __E__Validation.ParseTags(cells[4]));
    }
}

public sealed class __E__Service
{
    private readonly __E__Repository _repository;
    private readonly Func<DateTime> _clock;
    private int _created;

    public __E__Service(__E__Repository repository, Func<DateTime> clock)
    {
        _repository = repository;
        _clock = clock;
    }

    public Result<__E__> Create(Create__E__Request request)
    {
        IReadOnlyList<string> problems = __E__Validation.Check(request);
        if (problems.Count > 0)
        {
            return Result<__E__>.Fail(string.Join("; ", problems));
        }

        string id = NewId(request.Name!);
        var item = new __E__(id, request.Name!.Trim(), request.Email!.Trim().ToLowerInvariant(), _clock(), request.Balance ?? 0m, __E__Validation.ParseTags(request.Tags));
        _repository.Upsert(item);
        return Result<__E__>.Ok(item);
    }

    public Result<__E__> Credit(string id, decimal amount)
    {
        if (!_repository.TryGet(id, out __E__? item) || item is null)
        {
            return Result<__E__>.Fail($"no __E__ '{id}'");
        }

        __E__ updated = item with { Balance = Money.Round(item.Balance + amount) };
        _repository.Upsert(updated);
        return Result<__E__>.Ok(updated);
    }

    public decimal TotalBalance()
    {
        decimal total = 0;
        foreach (__E__ item in _repository.Page(0, int.MaxValue))
        {
            total += item.Balance;
        }

        return total;
    }

    public string Export() => string.Join("\n", _repository.Page(0, int.MaxValue).Select(__E__Format.ToCsv));

    public async Task<int> ImportAsync(TextReader reader, CancellationToken cancellationToken)
    {
        int imported = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (Strings.IsBlank(line))
            {
                continue;
            }

            _repository.Upsert(__E__Format.FromCsv(line, _clock()));
            imported++;
        }

        return imported;
    }

    private string NewId(string name) => Strings.Slug(name) + "-" + (++_created).ToString("D5", CultureInfo.InvariantCulture);
}

public sealed class __E__Api
{
    private readonly __E__Service _service;
    private readonly __E__Repository _repository;

    public __E__Api(__E__Service service, __E__Repository repository)
    {
        _service = service;
        _repository = repository;
    }

    public (int Status, object Body) Post(Create__E__Request request)
    {
        Result<__E__> result = _service.Create(request);
        return result.IsSuccess ? (201, __E__Format.ToResponse(result.Value!)) : (400, new { error = result.Error });
    }

    public (int Status, object Body) Get(string id) =>
        _repository.TryGet(id, out __E__? item) && item is not null ? (200, __E__Format.ToResponse(item)) : (404, new { error = $"no __E__ '{id}'" });

    public IReadOnlyList<__E__Response> List(int page, int size) =>
        _repository.Page(Math.Max(0, page), Math.Clamp(size, 1, 100)).Select(__E__Format.ToResponse).ToList();

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine($"__E__s: {_repository.Count}, total balance {Money.Format(_service.TotalBalance(), "__CUR__")}");
        foreach (KeyValuePair<string, int> tag in _repository.CountByTag().OrderByDescending(p => p.Value).Take(10))
        {
            text.Append("  ").Append(Strings.Truncate(tag.Key, 20)).Append(": ").Append(tag.Value).AppendLine();
        }

        return text.ToString();
    }
}
'''

# ------------------------------------------------------------------------------------------------------
# Shared ordinary code (namespace __ROOT__.Common)
# ------------------------------------------------------------------------------------------------------

COMMON = {
    "Strings.cs": r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace __ROOT__.Common;

public static class Strings
{
    public static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    public static string Truncate(string text, int length) => text.Length <= length ? text : text.Substring(0, Math.Max(0, length - 1)) + "…";

    public static string TitleCase(string text)
    {
        var result = new StringBuilder(text.Length);
        bool start = true;
        foreach (char c in text)
        {
            result.Append(start ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            start = c is ' ' or '-' or '_';
        }

        return result.ToString();
    }

    public static string Slug(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (string word in Words(text))
        {
            if (result.Length > 0)
            {
                result.Append('-');
            }

            result.Append(word);
        }

        return result.Length == 0 ? "item" : result.ToString();
    }

    public static IEnumerable<string> Words(string text)
    {
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text.Substring(start, i - start).ToLowerInvariant();
                start = -1;
            }
        }
    }

    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public static string Mask(string text, int visible) =>
        text.Length <= visible ? text : new string('*', text.Length - visible) + text.Substring(text.Length - visible);

    public static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");
}
''',
    "Money.cs": r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace __ROOT__.Common;

public static class Money
{
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.ToEven);

    public static string Format(decimal amount, string currency) =>
        Round(amount).ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + currency;

    public static bool TryParse(string text, out decimal amount) =>
        decimal.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out amount);

    public static IReadOnlyList<decimal> Allocate(decimal amount, int parts)
    {
        if (parts <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(parts));
        }

        var shares = new decimal[parts];
        decimal share = Math.Floor(amount * 100 / parts) / 100;
        decimal rest = amount - share * parts;
        for (int i = 0; i < parts; i++)
        {
            shares[i] = share;
        }

        for (int i = 0; rest > 0; i++, rest -= 0.01m)
        {
            shares[i % parts] += 0.01m;
        }

        return shares;
    }

    public static decimal WithTax(decimal amount, decimal rate) => Round(amount * (1 + rate));
}
''',
    "Csv.cs": r'''// Written by make_ml_solution.py.
using System.Collections.Generic;
using System.Text;

namespace __ROOT__.Common;

public static class Csv
{
    public static string Escape(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    public static IReadOnlyList<string> Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    public static string Join(IEnumerable<string> values)
    {
        var line = new StringBuilder();
        foreach (string value in values)
        {
            if (line.Length > 0)
            {
                line.Append(',');
            }

            line.Append(Escape(value));
        }

        return line.ToString();
    }
}
''',
    "Result.cs": r'''// Written by make_ml_solution.py.
using System;

namespace __ROOT__.Common;

public readonly record struct Result<T>(bool IsSuccess, T? Value, string? Error)
{
    public static Result<T> Ok(T value) => new Result<T>(true, value, null);

    public static Result<T> Fail(string error) => new Result<T>(false, default, error);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? Result<TOut>.Ok(map(Value!)) : Result<TOut>.Fail(Error!);

    public T OrElse(T fallback) => IsSuccess ? Value! : fallback;
}
''',
    "Retry.cs": r'''// Written by make_ml_solution.py.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace __ROOT__.Common;

public static class Retry
{
    public static TimeSpan Delay(int attempt, double baseMilliseconds = 100, double factor = 2, double capMilliseconds = 30_000) =>
        TimeSpan.FromMilliseconds(Math.Min(capMilliseconds, baseMilliseconds * Math.Pow(factor, attempt - 1)));

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, int attempts, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (Exception exception) when (attempt < attempts && IsTransient(exception))
            {
                await Task.Delay(Delay(attempt), cancellationToken);
            }
        }
    }

    public static bool IsTransient(Exception exception) =>
        exception is TimeoutException or System.IO.IOException || exception.InnerException is { } inner && IsTransient(inner);
}
''',
    "Dates.cs": r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace __ROOT__.Common;

public readonly record struct DateRange(DateTime Start, DateTime End)
{
    public int Days => (int)(End.Date - Start.Date).TotalDays;

    public bool Contains(DateTime time) => time >= Start && time < End;

    public IEnumerable<DateTime> EachDay()
    {
        for (DateTime day = Start.Date; day < End; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    public int BusinessDays()
    {
        int count = 0;
        foreach (DateTime day in EachDay())
        {
            if (day.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            {
                count++;
            }
        }

        return count;
    }

    public static DateRange Month(int year, int month) => new DateRange(new DateTime(year, month, 1), new DateTime(year, month, 1).AddMonths(1));

    public static DateRange Parse(string text)
    {
        string[] parts = text.Split("..", StringSplitOptions.TrimEntries);
        return new DateRange(DateTime.Parse(parts[0], CultureInfo.InvariantCulture), DateTime.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public override string ToString() => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".." + End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public static class Weeks
{
    public static int IsoWeek(DateTime date) => ISOWeek.GetWeekOfYear(date);

    public static DateTime StartOfWeek(DateTime date) => date.Date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
''',
    "Collections.cs": r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;

namespace __ROOT__.Common;

public sealed class RingBuffer<T>
{
    private readonly T[] _items;
    private int _next;

    public RingBuffer(int capacity) => _items = capacity > 0 ? new T[capacity] : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count { get; private set; }

    public void Add(T item)
    {
        _items[_next] = item;
        _next = (_next + 1) % _items.Length;
        Count = Math.Min(Count + 1, _items.Length);
    }

    public IEnumerable<T> Items()
    {
        int start = Count < _items.Length ? 0 : _next;
        for (int i = 0; i < Count; i++)
        {
            yield return _items[(start + i) % _items.Length];
        }
    }
}

public sealed class LruCache<TKey, TValue> where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _map = new Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>>();
    private readonly LinkedList<(TKey Key, TValue Value)> _order = new LinkedList<(TKey Key, TValue Value)>();

    public LruCache(int capacity) => _capacity = capacity;

    public bool TryGet(TKey key, out TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (_map.TryGetValue(key, out var node))
        {
            _order.Remove(node);
        }
        else if (_map.Count == _capacity && _order.Last is { } last)
        {
            _order.RemoveLast();
            _map.Remove(last.Value.Key);
        }

        _map[key] = _order.AddFirst((key, value));
    }
}

public static class Paging
{
    public static int Pages(int count, int size) => size <= 0 ? 0 : (count + size - 1) / size;

    public static IEnumerable<T[]> Batches<T>(IEnumerable<T> items, int size)
    {
        var batch = new List<T>(size);
        foreach (T item in items)
        {
            batch.Add(item);
            if (batch.Count == size)
            {
                yield return batch.ToArray();
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            yield return batch.ToArray();
        }
    }
}
''',
    "Numbers.cs": r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Linq;

namespace __ROOT__.Common;

public static class Numbers
{
    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        double rank = (sorted.Count - 1) * percent / 100.0;
        int low = (int)Math.Floor(rank);
        int high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public static uint Fnv1a(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }

    public static double Celsius(double fahrenheit) => (fahrenheit - 32) * 5 / 9;

    public static double Kilometres(double miles) => miles * 1.609344;

    public static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return Math.Abs(a);
    }
}
''',
    "Config.cs": r'''// Written by make_ml_solution.py.
using System;
using System.Collections.Generic;
using System.Globalization;

namespace __ROOT__.Common;

public sealed class Config
{
    private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public static Config ParseIni(string text)
    {
        var config = new Config();
        string section = string.Empty;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                section = line[1..^1].Trim() + ".";
                continue;
            }

            int equals = line.IndexOf('=');
            if (equals > 0)
            {
                config._values[section + line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return config;
    }

    public string Get(string key, string fallback) => _values.TryGetValue(key, out string? value) ? value : fallback;

    public int GetInt(string key, int fallback) =>
        _values.TryGetValue(key, out string? value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) ? number : fallback;

    public bool GetBool(string key) => _values.TryGetValue(key, out string? value) && value is "1" or "true" or "yes";

    public TimeSpan GetDuration(string key, TimeSpan fallback)
    {
        string text = Get(key, string.Empty);
        if (text.EndsWith("ms", StringComparison.Ordinal) && double.TryParse(text[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out double ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return text.EndsWith('s') && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? TimeSpan.FromSeconds(s) : fallback;
    }
}
''',
}
