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
/// application against .NET 8, ML.NET 6.0.0 and NormGuard, so it must also compile without errors. A program is a
/// single file or a directory of files compiled together, whose <c>Library/</c> folder, if any, is compiled first into
/// its own assembly and referenced (see <see cref="CorpusProgram"/>).
/// </summary>
public sealed class LeakageTests
{
    private static readonly string CorpusRoot = CorpusCompileTests.LeakageRoot;

    /// <summary>Every program: a single <c>.cs</c> file, or a directory compiled together (with its <c>Library/</c> referenced).</summary>
    public static TheoryData<string> CorpusFiles() => new(CorpusProgram.Entries(CorpusRoot, "Leaky", "Clean"));

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Corpus_program_is_reported_exactly_at_its_leaks(string file)
    {
        string path = Path.Combine(CorpusRoot, file);
        if (File.Exists(path))
        {
            await RunAsync(File.ReadAllText(path));
            return;
        }

        // A directory: every source file with its markup, named as in the program; the library as a compiled image.
        CorpusProgram program = CorpusProgram.Load(CorpusRoot, file);
        var test = Verify<LeakageAnalyzer>.Test(string.Empty);
        test.TestState.Sources.Clear();
        foreach (CorpusSource source in program.Sources)
        {
            test.TestState.Sources.Add((source.Path, source.MarkedText));
        }

        if (await CorpusCompiler.LibraryAsync(program) is { } library)
        {
            test.TestState.AdditionalReferences.Add(library);
        }

        await RunAsync(test);
    }

    [Fact]
    public void Corpus_has_ten_leaky_and_ten_clean_programs_with_markup_only_in_the_leaky_ones()
    {
        var programs = CorpusProgram.Entries(CorpusRoot, "Leaky", "Clean").Select(p => CorpusProgram.Load(CorpusRoot, p)).ToList();
        var leaky = programs.Where(p => p.Positive).ToList();
        var clean = programs.Where(p => !p.Positive).ToList();
        Assert.True(leaky.Count >= 10, $"{leaky.Count} leaky programs");
        Assert.True(clean.Count >= 10, $"{clean.Count} clean programs");
        Assert.All(leaky, p => Assert.Contains(p.Expected, e => e.Id == "NG0006"));
        Assert.All(clean, p => Assert.All(p.Sources, s => Assert.DoesNotContain("{|", s.MarkedText, StringComparison.Ordinal)));
    }

    /// <summary>
    /// The issue-12 corpus: at least 32 labelled leaky programs and 32 clean look-alikes, 26 of the leaks crossing a
    /// method, class, file or assembly boundary (3 multi-file, 3 cross-assembly), each with its category, boundary and
    /// verdict in the header, the verdict agreeing with the folder, and every clean category mirroring a leaky one.
    /// </summary>
    [Fact]
    public void Corpus_has_the_labelled_programs_issue_12_asks_for()
    {
        var labelled = CorpusProgram.Entries(CorpusRoot, "Leaky", "Clean").Select(p => CorpusProgram.Load(CorpusRoot, p)).Where(p => p.HasHeader).ToList();
        var leaky = labelled.Where(p => p.Positive).ToList();
        var clean = labelled.Where(p => !p.Positive).ToList();
        string[] boundaries = ["none", "method", "class", "file", "assembly"];

        Assert.True(leaky.Count >= 32, $"{leaky.Count} labelled leaky programs");
        Assert.True(clean.Count >= 32, $"{clean.Count} labelled clean programs");
        Assert.True(leaky.Count(p => p.Boundary != "none") >= 26, $"{leaky.Count(p => p.Boundary != "none")} leaks cross a boundary");
        Assert.True(leaky.Count(p => p.Boundary == "file" && p.Sources.Length > 1) >= 3, "multi-file leaky programs");
        Assert.True(leaky.Count(p => p.Boundary == "assembly" && !p.LibrarySources.IsEmpty) >= 3, "cross-assembly leaky programs");
        Assert.All(labelled, p => Assert.Contains(p.Boundary, boundaries));
        Assert.All(leaky, p => Assert.StartsWith("leaky.", p.Verdict, StringComparison.Ordinal));
        Assert.All(clean, p => Assert.StartsWith("clean.", p.Verdict, StringComparison.Ordinal));
        Assert.All(clean, p => Assert.Contains(p.Category, leaky.Select(l => l.Category)));
        Assert.All(labelled.Where(p => p.Boundary == "assembly"), p => Assert.False(p.LibrarySources.IsEmpty, $"{p.Name}: no Library/"));
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
        test.ExpectedDiagnostics.AddRange(expected);
        return RunAsync(test);
    }

    private static Task RunAsync(Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<LeakageAnalyzer, DefaultVerifier> test)
    {
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            CompilationOptions options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithOutputKind(OutputKind.ConsoleApplication));
        });
        return test.RunAsync(CancellationToken.None);
    }
}
