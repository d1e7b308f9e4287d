using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>
/// NG0006 over a corpus of complete training programs (Corpus/Leakage): every <c>{|NG0006:…|}</c> in a leaky program
/// must be reported, nothing else, and nothing at all in a clean one. Each program is compiled as a console
/// application against .NET 8, ML.NET 5.0.1 and NormGuard, so it must also compile without errors.
/// </summary>
public sealed class LeakageTests
{
    private static readonly string CorpusRoot = Path.Combine(AppContext.BaseDirectory, "Corpus", "Leakage");

    public static TheoryData<string> CorpusFiles()
    {
        var files = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(CorpusRoot, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(CorpusRoot, file).Replace('\\', '/'));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public Task Corpus_program_is_reported_exactly_at_its_leaks(string file) =>
        RunAsync(File.ReadAllText(Path.Combine(CorpusRoot, file)));

    [Fact]
    public void Corpus_has_ten_leaky_and_ten_clean_programs_with_markup_only_in_the_leaky_ones()
    {
        string[] leaky = Directory.GetFiles(Path.Combine(CorpusRoot, "Leaky"), "*.cs");
        string[] clean = Directory.GetFiles(Path.Combine(CorpusRoot, "Clean"), "*.cs");
        Assert.True(leaky.Length >= 10, $"{leaky.Length} leaky programs");
        Assert.True(clean.Length >= 10, $"{clean.Length} clean programs");
        Assert.True(leaky.Length + clean.Length >= 20);
        Assert.All(leaky, f => Assert.Contains("{|NG0006:", File.ReadAllText(f), StringComparison.Ordinal));
        Assert.All(clean, f => Assert.DoesNotContain("{|", File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public Task Fit_then_split_names_the_data_the_split_and_its_line() =>
        RunAsync(
            """
            using Microsoft.ML;
            using Microsoft.ML.Data;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            var pipeline = ml.Transforms.NormalizeMinMax("A");
            var model = pipeline.{|#0:Fit(data)|};
            var split = ml.Data.TrainTestSplit(data);

            public sealed class Row
            {
                [LoadColumn(0)] public float A { get; set; }
            }
            """,
            Leak(0, "The normalizer is fitted on 'data' before 'data' is split by TrainTestSplit (line 8): its statistics include the test rows. Split first and fit on the training part."));

    [Fact]
    public Task Fit_of_a_derived_view_then_cross_validation_says_how_they_relate() =>
        RunAsync(
            """
            using Microsoft.ML;
            using Microsoft.ML.Data;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            var scaled = ml.Transforms.NormalizeMeanVariance("Features").{|#0:Fit(data)|}.Transform(data);
            var results = ml.Regression.CrossValidate(scaled, ml.Regression.Trainers.Sdca(), numberOfFolds: 5);

            public sealed class Row
            {
                [LoadColumn(0), VectorType(2)] public float[] Features { get; set; } = new float[2];
                [LoadColumn(2)] public float Label { get; set; }
            }
            """,
            Leak(0, "The normalizer is fitted on 'data' before 'scaled', derived from it, is cross-validated by CrossValidate (line 7): its statistics include every fold's test rows. Pass the raw data and the whole unfitted pipeline, normalizer included, to CrossValidate."));

    [Fact]
    public Task Fit_on_a_test_part_names_the_split() =>
        RunAsync(
            """
            using NormGuard;

            public static class Program
            {
                public static void Main()
                {
                    Row[] rows = new Row[100];
                    var (a, b) = Data.SplitRows(rows);
                    FeatureSetFitter<Row> fitter = Data.Fitter();
                    fitter.{|#0:Add(b)|};
                }
            }

            public static class Data
            {
                public static (Row[] First, Row[] Second) SplitRows(Row[] rows) => (rows[..80], rows[80..]);

                public static FeatureSetFitter<Row> Fitter() => throw new System.NotImplementedException();
            }

            public partial record struct Row(double A);
            """,
            Leak(0, "Fitter 'fitter' is fitted on 'b', the test part of SplitRows (line 8): its statistics leak the evaluation rows into the model. Add only the training part."));

    [Fact]
    public Task Fit_on_a_view_of_data_named_as_validation_says_where_it_comes_from() =>
        RunAsync(
            """
            using System.Linq;
            using NormGuard;

            public static class Program
            {
                public static void Main()
                {
                }

                public static void Fit(FeatureSetFitter<Row> fitter, Row[] validationRows)
                {
                    fitter.{|#0:Add(validationRows.Where(r => r.A > 0).ToArray())|};
                }
            }

            public partial record struct Row(double A);
            """,
            Leak(0, "Fitter 'fitter' is fitted on 'validationRows.Where(r => r.A > 0).ToArray()', derived from 'validationRows', named as evaluation data: its statistics leak the evaluation rows into the model. Add only the training part."));

    [Fact]
    public Task A_split_in_a_local_function_counts_where_the_function_is_called() =>
        RunAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using NormGuard;

            public static class Program
            {
                public static void Main()
                {
                    List<Row> early = Rows.Load(), late = Rows.Load();
                    FeatureSetFitter<Row> fitter = Rows.Fitter();

                    Report(early);
                    fitter.Add(early[0]);

                    fitter.{|NG0006:Add(late.ToArray())|};
                    Report(late);

                    void Report(List<Row> rows)
                    {
                        var (train, test) = Rows.Split(rows);
                        System.Console.WriteLine(train.Count + test.Count);
                    }
                }
            }

            public static class Rows
            {
                public static List<Row> Load() => new();

                public static (List<Row> Train, List<Row> Test) Split(List<Row> rows) => (rows, rows);

                public static FeatureSetFitter<Row> Fitter() => throw new System.NotImplementedException();
            }

            public partial record struct Row(double A);
            """);

    [Fact]
    public Task A_split_inside_the_fit_argument_and_a_self_contained_CrossValidate_are_not_after_the_fit() =>
        RunAsync(
            """
            using System.Collections.Generic;
            using Microsoft.ML;
            using Microsoft.ML.Data;
            using NormGuard;

            var rows = new List<Row>();
            FeatureSetFitter<Row> fitter = Rows.Fitter();
            fitter.Add(Rows.Split(rows).Train.ToArray());

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromEnumerable(rows);
            var pipeline = ml.Transforms.NormalizeMinMax("A").Append(ml.Regression.Trainers.Sdca(featureColumnName: "A"));
            var final = pipeline.Fit(data);
            var cv = ml.Regression.CrossValidate(data, pipeline, numberOfFolds: 5);

            public static class Rows
            {
                public static (List<Row> Train, List<Row> Test) Split(List<Row> rows) => (rows, rows);

                public static FeatureSetFitter<Row> Fitter() => throw new System.NotImplementedException();
            }

            public sealed class Row
            {
                public float A { get; set; }
                public float Label { get; set; }
            }
            """);

    [Fact]
    public Task Data_returned_by_a_method_named_as_evaluation_data_is_evaluation_data() =>
        RunAsync(
            """
            using Microsoft.ML;
            using Microsoft.ML.Data;

            var ml = new MLContext();
            IDataView data = Datasets.LoadHoldoutSet(ml);
            var scaler = ml.Transforms.NormalizeMeanVariance("A").{|#0:Fit(data)|};

            public static class Datasets
            {
                public static IDataView LoadHoldoutSet(MLContext ml) => ml.Data.LoadFromTextFile<Row>("holdout.csv");
            }

            public sealed class Row
            {
                [LoadColumn(0)] public float A { get; set; }
            }
            """,
            Leak(0, "The normalizer is fitted on 'data', derived from 'LoadHoldoutSet(...)', named as evaluation data: its statistics leak the evaluation rows into the model. Fit on the training part only."));

    [Fact]
    public Task Generated_code_is_skipped() =>
        RunAsync(
            """
            // <auto-generated/>
            using Microsoft.ML;
            using Microsoft.ML.Data;

            var ml = new MLContext();
            IDataView testData = ml.Data.LoadFromTextFile<Row>("test.csv");
            var scaler = ml.Transforms.NormalizeMinMax("A").Fit(testData);

            public sealed class Row
            {
                [LoadColumn(0)] public float A { get; set; }
            }
            """);

    [Fact]
    public Task A_pipeline_built_in_another_method_is_followed_but_two_loads_of_one_file_are_not_linked() =>
        RunAsync(
            """
            using Microsoft.ML;
            using Microsoft.ML.Data;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv");
            var model = Pipelines.Build(ml).{|NG0006:Fit(data)|};   // the factory's normalizer, through its summary
            var split = ml.Data.TrainTestSplit(data);

            var other = ml.Transforms.NormalizeMinMax("A").Fit(ml.Data.LoadFromTextFile<Row>("rows.csv"));
            var again = ml.Data.TrainTestSplit(ml.Data.LoadFromTextFile<Row>("rows.csv"));   // same file, no shared variable

            public static class Pipelines
            {
                public static IEstimator<ITransformer> Build(MLContext ml) => ml.Transforms.NormalizeMinMax("A");
            }

            public sealed class Row
            {
                [LoadColumn(0)] public float A { get; set; }
            }
            """);

    [Fact]
    public Task A_compilation_without_NormGuard_fitters_or_MLNet_is_not_analyzed() =>
        new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<LeakageAnalyzer, DefaultVerifier>
        {
            TestCode = """
                using System.Collections.Generic;

                public static class Program
                {
                    public static void Main()
                    {
                        var testRows = new List<double> { 1, 2 };
                        var all = new List<double>();
                        all.AddRange(testRows);
                    }
                }
                """,
            ReferenceAssemblies = References.Net80,
        }.RunAsync(CancellationToken.None);

    private static DiagnosticResult Leak(int location, string message) =>
        new DiagnosticResult("NG0006", DiagnosticSeverity.Warning).WithLocation(location).WithMessage(message);

    private static Task RunAsync(string source, params DiagnosticResult[] expected)
    {
        var test = Verify<LeakageAnalyzer>.Test(source);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            CompilationOptions options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithOutputKind(OutputKind.ConsoleApplication));
        });
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}
