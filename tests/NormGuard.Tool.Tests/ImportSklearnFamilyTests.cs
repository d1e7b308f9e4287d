using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using NormGuard.Tool.Verification;
using Xunit;
using Xunit.Abstractions;

namespace NormGuard.Tool.Tests;

/// <summary>
/// The scikit-learn artifacts users actually have (issue 14): <c>joblib.dump</c> files (compressed and not), pickles whose
/// fitted attributes are scikit-learn 0.22's, <c>SimpleImputer</c>s in front of scalers, <c>OneHotEncoder(drop=…)</c> and
/// <c>ColumnTransformer</c> remainders. Data/sklearn/make_sklearn_families.py made the files with the real writers
/// (scikit-learn 1.2.1, joblib 1.2.0) and scikit-learn's own transform of inputs with NaN rows; the committed manifests
/// must reproduce those outputs bit for bit without Python. The live tests run <c>normguard import sklearn</c> on every
/// saved file with /usr/bin/python3 (Skipped without it, failed under NORMGUARD_REQUIRE_SKLEARN=1).
/// </summary>
public sealed class ImportSklearnFamilyTests(ITestOutputHelper output)
{
    private static readonly string[] JoblibFiles =
        ["joblib_df.joblib", "joblib_df.z3.joblib", "joblib_df.joblib.gz", "joblib_df.joblib.bz2", "joblib_df.joblib.xz", "joblib_df.joblib.lz4", "joblib_df.p2.pkl"];

    // Expected before running: every fixture reproduces scikit-learn's outputs with 0 differing cells.
    [Theory]
    [InlineData("joblib_df", "joblib_df.joblib", 4, ManifestDType.Float64)]
    [InlineData("sk022_standard", "sk022_standard.pkl", 2, ManifestDType.Float64)]
    [InlineData("sk022_minmax", "sk022_minmax.pkl", 2, ManifestDType.Float32)]
    [InlineData("sk022_maxabs", "sk022_maxabs.pkl", 2, ManifestDType.Float64)]
    [InlineData("sk022_robust", "sk022_robust.pkl", 2, ManifestDType.Float32)]
    [InlineData("sk022_pipeline", "sk022_pipeline.pkl", 2, ManifestDType.Float64)]
    [InlineData("impute_f64", "impute_f64.pkl", 12, ManifestDType.Float64)]
    [InlineData("impute_f32", "impute_f32.pkl", 4, ManifestDType.Float32)]
    public void Committed_manifest_reproduces_scikit_learn_outputs_bit_for_bit(string stem, string source, int features, ManifestDType dtype)
    {
        string path = ImportTestSupport.Data("sklearn", stem + ".normguard.json");
        Manifest manifest = Manifest.Load(path);
        Assert.Equal(NormalizationProfile.ScikitLearn, manifest.Profile);
        Assert.Equal(dtype, manifest.DType);
        Assert.Equal(features, manifest.Features.Count);
        Assert.Equal($"normguard import sklearn from {source}", manifest.Fit!.Tool);
        Assert.Equal(Importers.ImportSupport.Sha256(ImportTestSupport.Data("sklearn", source)), manifest.Fit.SourceSha256);
        Assert.Contains($"\"sha256\": \"{manifest.Sha256}\"", File.ReadAllText(path), StringComparison.Ordinal);

        VectorComparison result = Compare(manifest, ImportTestSupport.Data("sklearn", stem + ".vectors.csv"));
        output.WriteLine($"{stem}: {result.Rows} rows, {result.Compared} outputs compared ({result.NaN} NaN, {result.NegativeZero} -0), {result.FilledInputs} NaN inputs filled, {result.Mismatched} differ");
        Assert.True(result.NaN > 0 || result.FilledInputs > 0, "the inputs lost their NaN rows");
        if (stem.StartsWith("impute", StringComparison.Ordinal))
        {
            Assert.True(result.FilledInputs >= 50, $"only {result.FilledInputs} NaN inputs reached a fill");
        }

        Assert.Equal(0, result.Mismatched);
    }

    // Expected: an imputer's statistic is each numeric feature's fill; one-hot features keep "error"; no scalar is left
    // at "propagate" where scikit-learn fills.
    [Fact]
    public void Imputers_become_the_features_fill_and_encoders_keep_every_category()
    {
        Manifest f64 = Manifest.Load(ImportTestSupport.Data("sklearn", "impute_f64.normguard.json"));
        Assert.Equal(["Age", "Income", "Hours", "Rooms", "Debt", "Price", "Raw", "Color", "Size", "Grade", "Rest1", "Rest2"], f64.Features.Select(f => f.Name));
        FeatureManifest Feature(string name) => f64.Features.Single(f => f.Name == name);
        foreach (string name in new[] { "Age", "Income", "Hours", "Rooms", "Debt", "Price", "Raw", "Rest1", "Rest2" })
        {
            Assert.Equal(MissingValueKind.Fill, Feature(name).Missing.Kind);
        }

        Assert.Equal(MissingValuePolicy.Fill(-1.5), Feature("Debt").Missing); // SimpleImputer(strategy="constant", fill_value=-1.5)
        Assert.Equal(0, Feature("Rooms").Missing.FillValue % 1); // most_frequent of whole room counts
        Assert.IsType<Log1pStep>(Feature("Price").Steps[0]);
        Assert.IsType<PassthroughStep>(Assert.Single(Feature("Raw").Steps));
        Assert.IsType<ZScoreStep>(Assert.Single(Feature("Rest2").Steps)); // remainder=Pipeline([SimpleImputer, StandardScaler])

        // drop="if_binary" on 3 and 4 categories drops nothing; infrequent_if_exist without infrequent categories
        OneHotStep color = Assert.IsType<OneHotStep>(Feature("Color").Steps[0]);
        Assert.Equal(["blue", "green", "red"], color.Categories);
        Assert.Equal(UnknownCategory.AllZeros, color.Unknown);
        Assert.Equal(4, Assert.IsType<OneHotStep>(Feature("Size").Steps[0]).Categories.Count);
        Assert.Equal(UnknownCategory.AllZeros, Assert.IsType<OneHotStep>(Feature("Grade").Steps[0]).Unknown);
        Assert.All(new[] { "Color", "Size", "Grade" }, n => Assert.Equal(MissingValuePolicy.Error, Feature(n).Missing));

        Manifest f32 = Manifest.Load(ImportTestSupport.Data("sklearn", "impute_f32.normguard.json"));
        Assert.Equal(["Z", "M", "R", "P"], f32.Features.Select(f => f.Name)); // remainder="drop" took Dropped
        Assert.All(f32.Features, f => Assert.Equal(MissingValueKind.Fill, f.Missing.Kind));
    }

    [Theory]
    [InlineData("joblib_df")]
    [InlineData("sk022_minmax")]
    [InlineData("impute_f64")]
    [InlineData("impute_f32")]
    public void Normguard_verify_accepts_the_committed_vectors(string stem)
    {
        ToolResult result = ToolRunner.Run("verify", "--manifest", ImportTestSupport.Data("sklearn", stem + ".normguard.json"), "--vectors", ImportTestSupport.Data("sklearn", stem + ".vectors.csv"));
        output.WriteLine(result.ToString());
        Assert.Equal(0, result.ExitCode);
    }

    public static TheoryData<string> JoblibFileNames => new(JoblibFiles);

    // Expected: every writer's file imports to the features of the committed manifest (before the fix the uncompressed
    // joblib file failed with "ndarray is not fitted": pickle.load returned the inner pickle of feature_names_in_).
    [SkippableTheory]
    [MemberData(nameof(JoblibFileNames))]
    public void Live_import_reads_every_joblib_and_pickle_writer(string file)
    {
        ScikitLearnPython.Require();
        Skip.If(file.EndsWith(".lz4", StringComparison.Ordinal) && !ScikitLearnPython.HasModule("lz4"), "python3-lz4 is not installed, so joblib cannot read a .lz4 file");
        using TempDirectory temp = ToolRunner.Temp();
        string model = temp.File(file);
        File.Copy(ImportTestSupport.Data("sklearn", file), model);
        Manifest live = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), "sklearn", model, "--python", ScikitLearnPython.Path, "--split", "train", "--feature-set", "joblib_df");
        Assert.Equal(Importers.ImportSupport.Sha256(model), live.Fit!.SourceSha256);
        Assert.True(JsonNode.DeepEquals(Body(ImportTestSupport.Data("sklearn", "joblib_df.normguard.json")), Body(temp.File("m.json"))), "the features differ from the committed manifest's");
        if (file == "joblib_df.joblib")
        {
            Assert.Equal(Manifest.Load(ImportTestSupport.Data("sklearn", "joblib_df.normguard.json")).Sha256, live.Sha256);
        }
    }

    // Expected: the very committed manifests (before the fix: "is not fitted (it has no n_features_in_)"; SimpleImputer
    // "is not supported").
    [SkippableTheory]
    [InlineData("sk022_standard", "x0,x1")]
    [InlineData("sk022_minmax", "x0,x1")]
    [InlineData("sk022_maxabs", "x0,x1")]
    [InlineData("sk022_robust", "x0,x1")]
    [InlineData("sk022_pipeline", "x0,x1")]
    [InlineData("impute_f64", null)]
    [InlineData("impute_f32", "Z,M,R,Dropped,P")]
    public void Live_import_writes_the_committed_manifest(string stem, string? names)
    {
        ScikitLearnPython.Require();
        using TempDirectory temp = ToolRunner.Temp();
        string model = temp.File(stem + ".pkl");
        File.Copy(ImportTestSupport.Data("sklearn", stem + ".pkl"), model);
        string[] extra = names is null ? [] : ["--names", names];
        // impute_f64 has a log1p step and was fitted on numpy's portable path (make_sklearn_families.py): import it there
        string python = stem == "impute_f64" ? ScikitLearnPython.PortableWrapper(temp.Path) : ScikitLearnPython.Path;
        Manifest live = ImportTestSupport.Import(output.WriteLine, temp.File("m.json"), ["sklearn", model, "--python", python, "--split", "train", .. extra]);
        Manifest committed = Manifest.Load(ImportTestSupport.Data("sklearn", stem + ".normguard.json"));
        Assert.Equal(committed.ToCanonicalJson(), live.ToCanonicalJson());
    }

    /// <summary>A case the importer must refuse: Python that fits and pickles the object to <c>PATH</c>, and what the message must name.</summary>
    public sealed record Refusal(string Name, string Code, string[] Expected, string[] Arguments)
    {
        public override string ToString() => Name;
    }

    private const string Prelude = "import pickle, numpy as np, pandas as pd\n" +
        "from sklearn.compose import ColumnTransformer\nfrom sklearn.impute import SimpleImputer\nfrom sklearn.pipeline import Pipeline\n" +
        "from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, QuantileTransformer, StandardScaler\n" +
        "rng = np.random.default_rng(7)\n" +
        "df = pd.DataFrame({'A': rng.normal(size=60), 'B': rng.normal(size=60), 'Color': rng.choice(['red', 'green', 'blue'], 60), 'Flag': rng.choice(['yes', 'no'], 60)})\n" +
        "X = rng.normal(size=(60, 2)); X[::7, 0] = np.nan\n";

    // Written before running: each refusal exits 1 and its message names the step and the feature it concerns.
    public static TheoryData<Refusal> Refusals => new(
    [
        new("drop_first", "obj = ColumnTransformer([('enc', OneHotEncoder(drop='first'), ['Color'])]).fit(df)",
            ["enc (OneHotEncoder) feature 'Color'", "drop='first'", "category 'blue'"], []),
        new("drop_if_binary_on_a_binary_column", "obj = ColumnTransformer([('enc', OneHotEncoder(drop='if_binary'), ['Color', 'Flag'])]).fit(df)",
            ["enc (OneHotEncoder) feature 'Flag'", "drop='if_binary'"], []),
        new("drop_array", "obj = ColumnTransformer([('enc', OneHotEncoder(drop=['green']), ['Color'])]).fit(df)",
            ["enc (OneHotEncoder) feature 'Color'", "category 'green'"], []),
        new("infrequent_categories", "obj = ColumnTransformer([('enc', OneHotEncoder(handle_unknown='infrequent_if_exist', max_categories=2), ['Color'])]).fit(df)",
            ["enc (OneHotEncoder) feature 'Color'", "max_categories=2", "infrequent"], []),
        new("remainder_estimator_not_supported", "obj = ColumnTransformer([('z', StandardScaler(), ['A'])], remainder=QuantileTransformer(n_quantiles=10)).fit(df[['A', 'B']])",
            ["remainder (QuantileTransformer) on 'B' is not supported"], []),
        new("missing_values_marker", "obj = Pipeline([('impute', SimpleImputer(missing_values=-1.0)), ('z', StandardScaler())]).fit(np.nan_to_num(X, nan=-1.0))",
            ["impute (SimpleImputer) on 'x0', 'x1'", "missing_values=-1.0"], []),
        new("add_indicator", "obj = Pipeline([('impute', SimpleImputer(add_indicator=True)), ('z', StandardScaler())]).fit(X)",
            ["impute (SimpleImputer) on 'x0', 'x1'", "add_indicator=True"], []),
        new("empty_training_column", "E = X.copy(); E[:, 1] = np.nan\nobj = Pipeline([('impute', SimpleImputer()), ('z', StandardScaler())]).fit(E)",
            ["impute (SimpleImputer) feature 'x1'", "statistics_ is NaN"], []),
        new("fill_not_finite_in_float32", "obj = Pipeline([('impute', SimpleImputer(strategy='constant', fill_value=1e300)), ('z', StandardScaler())]).fit(np.nan_to_num(X, nan=0.5))",
            ["impute (SimpleImputer) feature 'x0'", "1e+300 is not a finite float32"], ["--dtype", "float32"]),
        new("imputer_after_a_step", "obj = Pipeline([('log', FunctionTransformer(np.log1p)), ('impute', SimpleImputer()), ('z', StandardScaler())]).fit(np.abs(X))",
            ["impute (SimpleImputer) feature 'x0' fills missing values after log1p"], []),
        new("imputer_before_an_encoder", "obj = Pipeline([('impute', SimpleImputer(strategy='most_frequent')), ('enc', OneHotEncoder())]).fit(np.round(X))",
            ["enc (OneHotEncoder) feature 'x0'", "one-hot encodes the output of impute (SimpleImputer) feature 'x0'"], []),
        new("imputer_of_strings", "S = df[['Color']].astype(object); S.iloc[::5, 0] = np.nan\nobj = Pipeline([('impute', SimpleImputer(strategy='most_frequent')), ('enc', OneHotEncoder())]).fit(S)",
            ["impute (SimpleImputer)", "statistics_ of dtype object"], []),
    ]);

    [SkippableTheory]
    [MemberData(nameof(Refusals))]
    public void Live_import_refuses_what_the_manifest_cannot_reproduce_naming_the_step_and_feature(Refusal refusal)
    {
        ScikitLearnPython.Require();
        using TempDirectory temp = ToolRunner.Temp();
        string model = temp.File(refusal.Name + ".pkl");
        ScikitLearnPython.Run(Prelude + refusal.Code + $"\npickle.dump(obj, open({ScikitLearnPython.Literal(model)}, 'wb'))\n");
        ToolResult result = ToolRunner.Run(["import", "sklearn", model, "--python", ScikitLearnPython.Path, "--out", temp.File("m.json"), .. refusal.Arguments]);
        output.WriteLine(result.ToString());
        Assert.Equal(1, result.ExitCode);
        Assert.All(refusal.Expected, e => Assert.Contains(e, result.Error, StringComparison.Ordinal));
        Assert.False(File.Exists(temp.File("m.json")));
    }

    // Expected: exit 1 naming the file; before the fix a joblib'd ndarray said "ndarray is not fitted".
    [SkippableFact]
    public void Live_import_of_a_file_that_holds_no_estimator_names_the_file()
    {
        ScikitLearnPython.Require();
        using TempDirectory temp = ToolRunner.Temp();
        string array = temp.File("weights.joblib");
        ScikitLearnPython.Run($"import joblib, numpy as np\njoblib.dump(np.arange(6.0), {ScikitLearnPython.Literal(array)})");
        ToolResult holdsArray = ToolRunner.Run("import", "sklearn", array, "--python", ScikitLearnPython.Path, "--out", temp.File("a.json"));
        output.WriteLine(holdsArray.ToString());
        Assert.Equal(1, holdsArray.ExitCode);
        Assert.Contains("weights.joblib holds a numpy.ndarray, not a fitted scikit-learn transformer", holdsArray.Error, StringComparison.Ordinal);

        string text = temp.File("notes.pkl");
        File.WriteAllText(text, "these are notes, not a pickle\n");
        ToolResult garbage = ToolRunner.Run("import", "sklearn", text, "--python", ScikitLearnPython.Path, "--out", temp.File("b.json"));
        output.WriteLine(garbage.ToString());
        Assert.Equal(1, garbage.ExitCode);
        Assert.Contains("notes.pkl: cannot be read as a pickle or a joblib file", garbage.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("a.json")) || File.Exists(temp.File("b.json")));
    }

    /// <summary>The manifest's content without provenance (what two writers of the same object must share).</summary>
    private static JsonNode Body(string path)
    {
        JsonObject json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return new JsonObject
        {
            ["profile"] = json["profile"]!.DeepClone(),
            ["dtype"] = json["dtype"]!.DeepClone(),
            ["rows"] = json["fit"]!["rows"]?.DeepClone(),
            ["features"] = json["features"]!.DeepClone(),
        };
    }

    private sealed record VectorComparison(int Rows, int Compared, int Mismatched, int NaN, int NegativeZero, int FilledInputs);

    /// <summary>scikit-learn's committed outputs against the manifest arithmetic (the verify interpreter, which the generated code matches).</summary>
    private VectorComparison Compare(Manifest manifest, string vectors)
    {
        bool f32 = manifest.DType == ManifestDType.Float32;
        var interpreter = new ManifestInterpreter(manifest);
        List<Dictionary<string, string>> rows = ImportTestSupport.ReadCsv(vectors);
        var destination = new float[interpreter.Width];
        int compared = 0, mismatched = 0, nan = 0, negativeZero = 0, filled = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            foreach (FeatureProgram feature in interpreter.Features)
            {
                string cell = rows[r][feature.Name];
                bool text = feature.Kind == FeatureKind.OneHot && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                double number = text ? 0 : ImportTestSupport.ParseDouble(cell);
                FeatureValue value = text ? FeatureValue.Of(cell) : FeatureValue.Of(f32 ? (float)number : number);
                filled += !text && double.IsNaN(number) && feature.Missing.Kind == MissingValueKind.Fill ? 1 : 0;
                interpreter.Normalize(feature, value, destination.AsSpan(feature.Offset, feature.Width));
                for (int k = 0; k < feature.Width; k++)
                {
                    string column = interpreter.OutputColumns[feature.Offset + k];
                    float want = (float)ImportTestSupport.ParseDouble(rows[r]["out:" + column]);
                    float got = destination[feature.Offset + k];
                    compared++;
                    nan += float.IsNaN(want) ? 1 : 0;
                    negativeZero += BitConverter.SingleToInt32Bits(want) == unchecked((int)0x80000000) ? 1 : 0;
                    if (!ImportTestSupport.SameFloat(want, got) && ++mismatched <= 10)
                    {
                        output.WriteLine($"row {r} {column}: input {cell}, scikit-learn {ImportTestSupport.Bits(want)}, manifest {ImportTestSupport.Bits(got)}");
                    }
                }
            }
        }

        return new VectorComparison(rows.Count, compared, mismatched, nan, negativeZero, filled);
    }
}
