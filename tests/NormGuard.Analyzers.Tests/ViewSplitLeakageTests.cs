using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>NG0006 with splits written as views: Take/Skip, Where on a date, FilterRowsByColumn bounds, Chunk folds.</summary>
public sealed class ViewSplitLeakageTests
{
    private const string Sale = """

        public sealed class Sale
        {
            public System.DateTime Date { get; set; }
            public float Amount { get; set; }
            public float Label { get; set; }
        }
        """;

    [Fact]
    public Task Fit_on_all_rows_then_take_and_skip() =>
        RunAsync("""
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            Sale[] sales = Load();
            var scaler = ml.Transforms.NormalizeMinMax("Amount").{|NG0006:Fit(ml.Data.LoadFromEnumerable(sales))|};
            int cut = (int)(sales.Length * 0.8);
            var train = ml.Data.LoadFromEnumerable(sales.Take(cut));
            var holdback = ml.Data.LoadFromEnumerable(sales.Skip(cut));

            static Sale[] Load() => new Sale[0];
            """ + Sale);

    [Fact]
    public Task Take_and_skip_first_then_fit_on_the_earlier_part_is_fine() =>
        RunAsync("""
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            Sale[] sales = Load();
            int cut = (int)(sales.Length * 0.8);
            Sale[] older = sales.Take(cut).ToArray();
            Sale[] newer = sales.Skip(cut).ToArray();
            var scaler = ml.Transforms.NormalizeMinMax("Amount").Fit(ml.Data.LoadFromEnumerable(older));
            var scored = scaler.Transform(ml.Data.LoadFromEnumerable(newer));

            static Sale[] Load() => new Sale[0];
            """ + Sale);

    // A list cut with GetRange: the part from 0 is the earlier one whatever it is passed to afterwards (an Evaluate that
    // reports the training error too); the part from the cut on is the later one.
    [Fact]
    public Task GetRange_from_zero_is_the_earlier_part_even_when_it_is_also_evaluated() =>
        RunAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            List<Sale> sales = Load();
            int cut = (int)(sales.Count * 0.8);
            List<Sale> fittingPeriod = sales.GetRange(0, cut);
            List<Sale> holdoutPeriod = sales.GetRange(cut, sales.Count - cut);
            var scaler = ml.Transforms.NormalizeMinMax("Amount").Fit(ml.Data.LoadFromEnumerable(fittingPeriod));
            System.Console.WriteLine(Evaluate(scaler, fittingPeriod, holdoutPeriod));

            static double Evaluate(ITransformer scaler, List<Sale> fitted, List<Sale> heldOut) => 0;
            static List<Sale> Load() => new List<Sale>();
            """ + Sale);

    [Fact]
    public Task Fit_on_the_part_from_the_cut_of_a_GetRange_split() =>
        RunAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            List<Sale> sales = Load();
            int cut = (int)(sales.Count * 0.8);
            List<Sale> older = sales.GetRange(0, cut);
            List<Sale> newer = sales.GetRange(cut, sales.Count - cut);
            var scaler = ml.Transforms.NormalizeMinMax("Amount").{|NG0006:Fit(ml.Data.LoadFromEnumerable(newer))|};

            static List<Sale> Load() => new List<Sale>();
            """ + Sale);

    [Fact]
    public Task Fit_on_all_rows_then_TakeRows_and_SkipRows() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView rows = ml.Data.ShuffleRows(ml.Data.LoadFromEnumerable(Load()), seed: 1);
            var bins = ml.Transforms.NormalizeBinning("Amount").{|NG0006:Fit(rows)|};
            IDataView train = ml.Data.TakeRows(rows, 40_000);
            IDataView test = ml.Data.SkipRows(rows, 40_000);
            var scored = bins.Transform(test);

            static Sale[] Load() => new Sale[0];
            """ + Sale);

    [Fact]
    public Task TakeRows_and_SkipRows_first_then_fit_on_the_taken_rows_is_fine() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView rows = ml.Data.ShuffleRows(ml.Data.LoadFromEnumerable(Load()), seed: 1);
            IDataView first = ml.Data.TakeRows(rows, 40_000);
            IDataView rest = ml.Data.SkipRows(rows, 40_000);
            var bins = ml.Transforms.NormalizeBinning("Amount").Fit(first);
            var scored = bins.Transform(rest);

            static Sale[] Load() => new Sale[0];
            """ + Sale);

    [Theory]
    [InlineData("GroupBy")]
    [InlineData("ToLookup")]
    public Task Fit_on_all_rows_before_leave_one_group_out_folds_held_in_a_variable(string grouping) =>
        RunAsync("""
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            Sale[] sales = Load();
            var scaler = ml.Transforms.NormalizeMinMax("Amount").{|NG0006:Fit(ml.Data.LoadFromEnumerable(sales))|};
            var byMonth = sales.GROUPING(s => s.Date.Month);
            foreach (var month in byMonth)
            {
                Sale[] others = byMonth.Where(g => g.Key != month.Key).SelectMany(g => g).ToArray();
                var scored = scaler.Transform(ml.Data.LoadFromEnumerable(month.ToArray()));
            }

            static Sale[] Load() => new Sale[0];
            """.Replace("GROUPING", grouping, System.StringComparison.Ordinal) + Sale);

    [Theory]
    [InlineData("GroupBy")]
    [InlineData("ToLookup")]
    public Task Per_fold_fits_on_the_other_groups_are_fine(string grouping) =>
        RunAsync("""
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            Sale[] sales = Load();
            var byMonth = sales.GROUPING(s => s.Date.Month);
            foreach (var month in byMonth)
            {
                Sale[] others = byMonth.Where(g => g.Key != month.Key).SelectMany(g => g).ToArray();
                var scaler = ml.Transforms.NormalizeMinMax("Amount").Fit(ml.Data.LoadFromEnumerable(others));
                var scored = scaler.Transform(ml.Data.LoadFromEnumerable(month.ToArray()));
            }

            static Sale[] Load() => new Sale[0];
            """.Replace("GROUPING", grouping, System.StringComparison.Ordinal) + Sale);

    // A split written as a loop that sends each row to one of two lists.
    [Theory]
    [InlineData("(s.Date.Month >= 11 ? peak : offPeak).Add(s);")]
    [InlineData("if (s.Date.Month >= 11) { peak.Add(s); } else { offPeak.Add(s); }")]
    public Task Fit_on_all_rows_before_a_loop_that_splits_them(string route) =>
        RunAsync("""
            using System.Collections.Generic;
            using Microsoft.ML;

            var ml = new MLContext();
            List<Sale> sales = Load();
            var scaler = ml.Transforms.NormalizeMinMax("Amount").{|NG0006:Fit(ml.Data.LoadFromEnumerable(sales))|};
            var offPeak = new List<Sale>();
            var peak = new List<Sale>();
            foreach (Sale s in sales)
            {
                ROUTE
            }

            var scored = scaler.Transform(ml.Data.LoadFromEnumerable(peak));

            static List<Sale> Load() => new List<Sale>();
            """.Replace("ROUTE", route, System.StringComparison.Ordinal) + Sale);

    [Fact]
    public Task A_loop_split_first_then_a_fit_on_one_part_is_fine() =>
        RunAsync("""
            using System.Collections.Generic;
            using Microsoft.ML;

            var ml = new MLContext();
            List<Sale> sales = Load();
            var offPeak = new List<Sale>();
            var peak = new List<Sale>();
            foreach (Sale s in sales)
            {
                (s.Date.Month >= 11 ? peak : offPeak).Add(s);
            }

            var scaler = ml.Transforms.NormalizeMinMax("Amount").Fit(ml.Data.LoadFromEnumerable(offPeak));
            var scored = scaler.Transform(ml.Data.LoadFromEnumerable(peak));

            static List<Sale> Load() => new List<Sale>();
            """ + Sale);

    [Fact]
    public Task A_loop_that_copies_every_row_into_one_list_is_no_split() =>
        RunAsync("""
            using System.Collections.Generic;
            using Microsoft.ML;

            var ml = new MLContext();
            List<Sale> sales = Load();
            var scaler = ml.Transforms.NormalizeMinMax("Amount").Fit(ml.Data.LoadFromEnumerable(sales));
            var large = new List<Sale>();
            foreach (Sale s in sales)
            {
                if (s.Amount > 1000) { large.Add(s); }
            }

            System.Console.WriteLine(large.Count);

            static List<Sale> Load() => new List<Sale>();
            """ + Sale);

    [Fact]
    public Task Fit_on_the_later_part_of_a_date_split() =>
        RunAsync("""
            using System;
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            Sale[] sales = Load();
            var cutoff = new DateTime(2024, 1, 1);
            var history = sales.Where(s => s.Date < cutoff).ToList();
            var recent = sales.Where(s => s.Date >= cutoff).ToList();
            var scaler = ml.Transforms.NormalizeMeanVariance("Amount").{|NG0006:Fit(ml.Data.LoadFromEnumerable(recent))|};

            static Sale[] Load() => new Sale[0];
            """ + Sale);

    [Fact]
    public Task Two_filters_for_a_report_are_no_split() =>
        RunAsync("""
            using System;
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            Sale[] sales = Load();
            var scaler = ml.Transforms.NormalizeMeanVariance("Amount").Fit(ml.Data.LoadFromEnumerable(sales));
            var big = sales.Where(s => s.Amount > 1000).ToList();
            var refunds = sales.Where(s => s.Amount < 0).ToList();
            Console.WriteLine($"{big.Count} large sales, {refunds.Count} refunds");

            static Sale[] Load() => new Sale[0];
            """ + Sale);

    [Fact]
    public Task Filter_rows_by_column_bounds_after_a_fit() =>
        RunAsync("""
            using Microsoft.ML;
            using Microsoft.ML.Data;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Reading>("readings.csv", hasHeader: true);
            var model = ml.Transforms.NormalizeMinMax("Value").{|NG0006:Fit(data)|};
            IDataView train = ml.Data.FilterRowsByColumn(data, "Year", upperBound: 2023);
            IDataView test = ml.Data.FilterRowsByColumn(data, "Year", lowerBound: 2023);

            public sealed class Reading
            {
                [LoadColumn(0)] public float Year { get; set; }
                [LoadColumn(1)] public float Value { get; set; }
            }
            """);

    [Fact]
    public Task Fit_on_all_rows_before_chunk_folds() =>
        RunAsync("""
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            Sale[] sales = Load();
            var scaler = ml.Transforms.NormalizeMinMax("Amount").{|NG0006:Fit(ml.Data.LoadFromEnumerable(sales))|};
            foreach (Sale[] fold in sales.Chunk(sales.Length / 5))
            {
                var rest = sales.Except(fold).ToArray();
                var scored = scaler.Transform(ml.Data.LoadFromEnumerable(fold));
            }

            static Sale[] Load() => new Sale[0];
            """ + Sale);

    [Fact]
    public Task Per_fold_fits_on_the_rest_are_fine() =>
        RunAsync("""
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            Sale[] sales = Load();
            foreach (Sale[] fold in sales.Chunk(sales.Length / 5))
            {
                var rest = sales.Except(fold).ToArray();
                var scaler = ml.Transforms.NormalizeMinMax("Amount").Fit(ml.Data.LoadFromEnumerable(rest));
                var scored = scaler.Transform(ml.Data.LoadFromEnumerable(fold));
            }

            static Sale[] Load() => new Sale[0];
            """ + Sale);

    private static Task RunAsync(string source)
    {
        var test = Verify<LeakageAnalyzer>.Test(source);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            CompilationOptions options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithOutputKind(OutputKind.ConsoleApplication));
        });
        return test.RunAsync(CancellationToken.None);
    }
}

/// <summary>NG0006 for ML.NET estimators that fit statistics besides the normalizers, and those that do not.</summary>
public sealed class FittedStatisticsLeakageTests
{
    private const string Row = """

        public sealed class Row
        {
            [Microsoft.ML.Data.LoadColumn(0), Microsoft.ML.Data.VectorType(4)] public float[] Features { get; set; } = new float[4];
            [Microsoft.ML.Data.LoadColumn(4)] public float Label { get; set; }
        }
        """;

    [Theory]
    [InlineData("ml.Transforms.ReplaceMissingValues(\"Features\", replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean)")]
    [InlineData("ml.Transforms.ProjectToPrincipalComponents(\"Pca\", \"Features\", rank: 2)")]
    [InlineData("ml.Transforms.FeatureSelection.SelectFeaturesBasedOnMutualInformation(\"Features\", slotsInOutput: 2)")]
    public Task A_fitted_statistic_before_the_split_leaks(string estimator) =>
        RunAsync($$"""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            var prepared = {{estimator}}.{|NG0006:Fit(data)|};
            var split = ml.Data.TrainTestSplit(data);
            """ + Row);

    [Theory]
    [InlineData("ml.Transforms.ReplaceMissingValues(\"Features\")")]
    [InlineData("ml.Transforms.NormalizeLpNorm(\"Features\")")]
    [InlineData("ml.Transforms.NormalizeGlobalContrast(\"Features\")")]
    public Task A_row_wise_or_default_value_step_before_the_split_learns_nothing(string estimator) =>
        RunAsync($$"""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            var prepared = {{estimator}}.Fit(data);
            var split = ml.Data.TrainTestSplit(data);
            """ + Row);

    private static Task RunAsync(string source)
    {
        var test = Verify<LeakageAnalyzer>.Test(source);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            CompilationOptions options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithOutputKind(OutputKind.ConsoleApplication));
        });
        return test.RunAsync(CancellationToken.None);
    }
}
