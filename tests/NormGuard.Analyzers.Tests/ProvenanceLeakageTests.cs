using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>NG0006: a fitter's manifest that declares the training split although its rows were never split.</summary>
public sealed class ProvenanceLeakageTests
{
    private const string Record = """

        [FeatureSet("houses")]
        public partial record struct House
        {
            [ZScore] public double Area { get; init; }

            public static FeatureSetFitter<House> CreateFitter() => new Fitter();

            private sealed class Fitter : FeatureSetFitter<House>
            {
                public Fitter()
                    : base("houses", NormalizationProfile.NormGuard, ManifestDType.Float64, new[] { FitterFeature.Numeric("Area", new[] { FitStep.ZScore() }) })
                {
                }

                protected override void AddRow(in House row) => AddValue(0, row.Area);
            }
        }
        """;

    [Fact]
    public Task All_rows_declared_as_the_training_split() =>
        RunAsync("""
            using System.Linq;
            using NormGuard;
            using NormGuard.Fitting;

            House[] houses = Load("houses.csv");
            var fitter = House.CreateFitter();
            foreach (House house in houses)
            {
                fitter.Add(house);
            }

            fitter.{|NG0006:ToManifest(new FitProvenance { Split = DataSplit.Train }, 1)|}.Save("houses.normguard.json");

            static House[] Load(string path) => new House[0];
            """ + Record);

    [Fact]
    public Task All_rows_of_a_loader_class_declared_as_the_training_split() =>
        RunAsync("""
            using NormGuard;
            using NormGuard.Fitting;

            House[] houses = HouseSource.ReadAll("houses.csv");
            var fitter = House.CreateFitter();
            fitter.Add(houses);
            fitter.{|NG0006:ToManifest(new FitProvenance { Split = DataSplit.Train }, 1)|}.Save("houses.normguard.json");

            static class HouseSource
            {
                public static House[] ReadAll(string path) => System.IO.File.ReadAllLines(path).Length > 0 ? new House[1] : new House[0];
            }
            """ + Record);

    [Theory]
    [InlineData("var (trainRows, testRows) = (houses.Take(80).ToArray(), houses.Skip(80).ToArray());\nfitter.Add(trainRows);")]
    [InlineData("House[] training = Load(\"data/train.csv\");\nfitter.Add(training);")]
    [InlineData("fitter.Add(Load(\"data/train.csv\"));")]
    [InlineData("var modeling = houses.ToList().GetRange(0, houses.Length * 85 / 100);\nforeach (House h in modeling) fitter.Add(h);")]
    [InlineData("var modeling = houses.Take(houses.Length * 85 / 100).ToList();\nforeach (House h in modeling) fitter.Add(h);")]
    [InlineData("House[] modeling = houses[..(houses.Length * 85 / 100)];\nfitter.Add(modeling);")]
    [InlineData("var (modeling, holdout) = Splits.ByArea(houses, 20);\nfitter.Add(modeling);")]
    public Task Training_rows_declared_as_training_are_fine(string feed) =>
        RunAsync("""
            using System.Linq;
            using NormGuard;
            using NormGuard.Fitting;

            House[] houses = Load("houses.csv");
            var fitter = House.CreateFitter();
            FEED
            fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1).Save("houses.normguard.json");

            static House[] Load(string path) => new House[0];

            static class Splits
            {
                [SplitsData]
                public static (House[] Modeling, House[] Holdout) ByArea(House[] rows, int holdoutPercent) =>
                    (rows.Where(r => (int)r.Area % 100 >= holdoutPercent).ToArray(), rows.Where(r => (int)r.Area % 100 < holdoutPercent).ToArray());
            }
            """.Replace("FEED", feed, System.StringComparison.Ordinal) + Record);

    [Fact]
    public Task All_rows_declared_as_all_are_left_to_NG0005() =>
        RunAsync("""
            using NormGuard;
            using NormGuard.Fitting;

            House[] houses = Load("houses.csv");
            var fitter = House.CreateFitter();
            fitter.Add(houses);
            fitter.ToManifest(new FitProvenance { Split = DataSplit.All }, 1).Save("houses.normguard.json");

            static House[] Load(string path) => new House[0];
            """ + Record);

    [Fact]
    public Task A_fluent_builder_fed_every_row_before_a_query_syntax_split() =>
        RunAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using NormGuard;
            using NormGuard.Fitting;

            House[] houses = Load("houses.csv");
            Manifest manifest = new StatsBuilder().{|NG0006:Include(houses)|}.Build();
            House[] fitting = (from h in houses where (int)h.Area % 10 < 8 select h).ToArray();
            House[] checking = (from h in houses where (int)h.Area % 10 >= 8 select h).ToArray();
            System.Console.WriteLine(fitting.Length + checking.Length);

            static House[] Load(string path) => new House[0];

            sealed class StatsBuilder
            {
                private readonly FeatureSetFitter<House> _fitter = House.CreateFitter();

                public StatsBuilder Include(IEnumerable<House> rows)
                {
                    foreach (House row in rows)
                    {
                        _fitter.Add(row);
                    }

                    return this;
                }

                public Manifest Build() => _fitter.ToManifest(new FitProvenance { Split = DataSplit.All }, 1);
            }
            """ + Record);

    [Fact]
    public Task A_fluent_builder_fed_the_rows_of_a_query_syntax_training_part_is_fine() =>
        RunAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using NormGuard;
            using NormGuard.Fitting;

            House[] houses = Load("houses.csv");
            House[] fitting = (from h in houses where (int)h.Area % 10 < 8 select h).ToArray();
            House[] checking = (from h in houses where (int)h.Area % 10 >= 8 select h).ToArray();
            Manifest manifest = new StatsBuilder().Include(fitting).Build();
            System.Console.WriteLine(checking.Length);

            static House[] Load(string path) => new House[0];

            sealed class StatsBuilder
            {
                private readonly FeatureSetFitter<House> _fitter = House.CreateFitter();

                public StatsBuilder Include(IEnumerable<House> rows)
                {
                    foreach (House row in rows)
                    {
                        _fitter.Add(row);
                    }

                    return this;
                }

                public Manifest Build() => _fitter.ToManifest(new FitProvenance { Split = DataSplit.Train }, 1);
            }
            """ + Record);

    // An iterator that adds each row to its fitter as it yields it: the rows it returns are rows it fitted.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task An_observing_iterator_before_a_split_of_what_it_yielded(bool observeFirst) =>
        RunAsync("""
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using NormGuard;
            using NormGuard.Fitting;

            var observer = new Observer();
            CUT
            System.Console.WriteLine(earlier.Length + later.Length);

            sealed class Observer
            {
                private readonly FeatureSetFitter<House> _fitter = House.CreateFitter();

                public IEnumerable<House> Observe(IEnumerable<House> rows)
                {
                    foreach (House row in rows)
                    {
                        _fitter.Add(row);
                        yield return row;
                    }
                }
            }
            """.Replace("CUT", observeFirst
                ? "House[] houses = observer.{|NG0006:Observe(File.ReadLines(\"houses.csv\").Select(l => new House()))|}.ToArray();\nHouse[] earlier = houses[..^50];\nHouse[] later = houses[^50..];"
                : "House[] houses = File.ReadLines(\"houses.csv\").Select(l => new House()).ToArray();\nHouse[] earlier = observer.Observe(houses[..^50]).ToArray();\nHouse[] later = houses[^50..];", System.StringComparison.Ordinal) + Record);

    [Fact]
    public Task A_loader_that_feeds_a_fitter_all_rows() =>
        RunAsync("""
            using NormGuard;
            using NormGuard.Fitting;

            House[] houses = Load("houses.csv");
            FeatureSetFitter<House> fitter = Fitting.FitAll(houses);
            fitter.{|NG0006:ToManifest(new FitProvenance { Split = DataSplit.Train }, 1)|}.Save("houses.normguard.json");

            static House[] Load(string path) => new House[0];

            static class Fitting
            {
                public static FeatureSetFitter<House> FitAll(House[] rows)
                {
                    var fitter = House.CreateFitter();
                    fitter.Add(rows);
                    return fitter;
                }
            }
            """ + Record);

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
