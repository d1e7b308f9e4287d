using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using NormGuard.Generators.Analyzers;
using Xunit;

namespace NormGuard.Analyzers.Tests;

/// <summary>NG0006 across method boundaries: helpers that fit or split, factories, data-prep classes, declared helpers.</summary>
public sealed class CrossMethodLeakageTests
{
    private const string Row = """

        public sealed class Row
        {
            [Microsoft.ML.Data.LoadColumn(0)] public float A { get; set; }
            [Microsoft.ML.Data.LoadColumn(1)] public float Label { get; set; }
        }
        """;

    [Fact]
    public Task A_helper_that_fits_on_its_parameter_before_the_caller_splits() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            ITransformer scaler = Prep.{|NG0006:Scale(ml, data)|};
            var split = ml.Data.TrainTestSplit(data);

            static class Prep
            {
                public static ITransformer Scale(MLContext ml, IDataView rows) => ml.Transforms.NormalizeMinMax("A").Fit(rows);
            }
            """ + Row);

    // Calls through an interface or an abstract method: a fit when every implementation in the compilation fits the
    // parameter (the one wired in may be any of them); one that does not keeps the call unjudged.
    private const string Scalers = """

        public interface IScaler
        {
            ITransformer Fit(IDataView rows);
        }

        public sealed class MeanVarianceScaler : IScaler
        {
            private readonly MLContext _ml;
            public MeanVarianceScaler(MLContext ml) => _ml = ml;
            public ITransformer Fit(IDataView rows) => _ml.Transforms.NormalizeMeanVariance("A").Fit(rows);
        }

        public sealed class Trainer
        {
            private readonly MLContext _ml;
            private readonly IScaler _scaler;
            public Trainer(MLContext ml, IScaler scaler) { _ml = ml; _scaler = scaler; }

            public double Train(string path)
            {
                IDataView rows = _ml.Data.LoadFromTextFile<Row>(path, hasHeader: true);
                ITransformer scaling = _scaler.FIT_CALL;
                var split = _ml.Data.TrainTestSplit(rows, testFraction: 0.2);
                return _ml.Regression.Evaluate(scaling.Transform(split.TestSet)).RSquared;
            }
        }
        """;

    [Fact]
    public Task A_fit_through_an_interface_whose_implementation_fits_before_the_split() =>
        RunAsync("""
            using Microsoft.ML;

            System.Console.WriteLine(new Trainer(new MLContext(), new MeanVarianceScaler(new MLContext())).Train("rows.csv"));
            """ + Scalers.Replace("FIT_CALL", "{|NG0006:Fit(rows)|}", System.StringComparison.Ordinal) + Row);

    [Fact]
    public Task A_fit_through_an_interface_with_an_implementation_that_learns_nothing_is_not_judged() =>
        RunAsync("""
            using Microsoft.ML;

            System.Console.WriteLine(new Trainer(new MLContext(), new MeanVarianceScaler(new MLContext())).Train("rows.csv"));

            public sealed class NoScaling : IScaler
            {
                public ITransformer Fit(IDataView rows) => new MLContext().Transforms.CopyColumns("B", "A").Fit(rows);
            }
            """ + Scalers.Replace("FIT_CALL", "Fit(rows)", System.StringComparison.Ordinal) + Row);

    [Fact]
    public Task A_fit_through_an_abstract_method_overridden_with_a_fit() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            Preparation prep = new MinMaxPreparation(ml);
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            ITransformer scaler = prep.{|NG0006:Prepare(data)|};
            var split = ml.Data.TrainTestSplit(data);

            public abstract class Preparation
            {
                public abstract ITransformer Prepare(IDataView rows);
            }

            public sealed class MinMaxPreparation : Preparation
            {
                private readonly MLContext _ml;
                public MinMaxPreparation(MLContext ml) => _ml = ml;
                public override ITransformer Prepare(IDataView rows) => _ml.Transforms.NormalizeMinMax("A").Fit(rows);
            }
            """ + Row);

    [Fact]
    public Task A_local_function_that_returns_a_chain_built_in_a_loop_fitted_before_CrossValidate() =>
        RunAsync("""
            using Microsoft.ML;
            using Microsoft.ML.Data;

            var ml = new MLContext();
            IDataView rows = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            string[] numeric = { "A" };

            IEstimator<ITransformer> BuildScaling()
            {
                IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
                foreach (string column in numeric)
                {
                    chain = chain.Append(ml.Transforms.NormalizeMinMax(column));
                }

                return chain.Append(ml.Transforms.Concatenate("Features", numeric));
            }

            ITransformer scaling = BuildScaling().{|NG0006:Fit(rows)|};
            var folds = ml.Regression.CrossValidate(scaling.Transform(rows), ml.Regression.Trainers.Sdca(), numberOfFolds: 5);
            """ + Row);

    [Fact]
    public Task A_local_function_that_returns_a_chain_without_a_normalizer_is_fine() =>
        RunAsync("""
            using Microsoft.ML;
            using Microsoft.ML.Data;

            var ml = new MLContext();
            IDataView rows = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);

            IEstimator<ITransformer> Features() => ml.Transforms.Concatenate("Features", "A");

            ITransformer features = Features().Fit(rows);
            var folds = ml.Regression.CrossValidate(features.Transform(rows), ml.Regression.Trainers.Sdca(), numberOfFolds: 5);
            """ + Row);

    [Fact]
    public Task A_helper_called_with_the_test_set() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            var split = ml.Data.TrainTestSplit(data);
            ITransformer scaler = Prep.{|NG0006:Scale(ml, split.TestSet)|};

            static class Prep
            {
                public static ITransformer Scale(MLContext ml, IDataView rows) => ml.Transforms.NormalizeMinMax("A").Fit(rows);
            }
            """ + Row);

    [Fact]
    public Task A_helper_called_with_the_training_set_is_fine() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            var split = ml.Data.TrainTestSplit(data);
            ITransformer scaler = Prep.Scale(ml, split.TrainSet);

            static class Prep
            {
                public static ITransformer Scale(MLContext ml, IDataView rows) => ml.Transforms.NormalizeMinMax("A").Fit(rows);
            }
            """ + Row);

    [Fact]
    public Task A_factory_chain_with_a_normalizer_fitted_before_the_split() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            var pipeline = ModelFactory.BuildPipeline(ml);
            var model = pipeline.{|NG0006:Fit(data)|};
            var split = ml.Data.TrainTestSplit(data);

            static class ModelFactory
            {
                public static IEstimator<ITransformer> BuildPipeline(MLContext ml) =>
                    ml.Transforms.NormalizeMeanVariance("A").Append(ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "A"));
            }
            """ + Row);

    [Fact]
    public Task A_data_prep_class_that_fits_and_splits_its_field() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            var prep = new DataPrep(ml, "rows.csv");
            prep.{|NG0006:FitScaler()|};
            var split = prep.Split();

            sealed class DataPrep
            {
                private readonly MLContext _ml;
                private readonly IDataView _rows;
                private ITransformer? _scaler;

                public DataPrep(MLContext ml, string path)
                {
                    _ml = ml;
                    _rows = ml.Data.LoadFromTextFile<Row>(path, hasHeader: true);
                }

                public void FitScaler() => _scaler = _ml.Transforms.NormalizeMinMax("A").Fit(_rows);

                public DataOperationsCatalog.TrainTestData Split() => _ml.Data.TrainTestSplit(_rows);
            }
            """ + Row);

    [Fact]
    public Task A_helper_chain_two_calls_deep_and_a_split_inside_another_helper() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView all = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            Pipeline.{|NG0006:Prepare(ml, all)|};
            Pipeline.Evaluate(ml, all);

            static class Pipeline
            {
                public static void Prepare(MLContext ml, IDataView data) => Scale(ml, data);

                private static ITransformer Scale(MLContext ml, IDataView rows) => ml.Transforms.NormalizeMinMax("A").Fit(rows);

                public static void Evaluate(MLContext ml, IDataView data)
                {
                    var split = ml.Data.TrainTestSplit(data, testFraction: 0.2);
                    _ = split.TestSet;
                }
            }
            """ + Row);

    [Fact]
    public Task An_async_helper_awaited_before_the_split() =>
        RunAsync("""
            using System.Threading.Tasks;
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView data = await Loader.LoadAsync(ml, "rows.csv");
            ITransformer scaler = await Prep.{|NG0006:FitScalerAsync(ml, data)|};
            var split = ml.Data.TrainTestSplit(data);

            static class Loader
            {
                public static async Task<IDataView> LoadAsync(MLContext ml, string path)
                {
                    await Task.Yield();
                    return ml.Data.LoadFromTextFile<Row>(path, hasHeader: true);
                }
            }

            static class Prep
            {
                public static async Task<ITransformer> FitScalerAsync(MLContext ml, IDataView rows)
                {
                    await Task.Yield();
                    return ml.Transforms.NormalizeMinMax("A").Fit(rows);
                }
            }
            """ + Row);

    [Fact]
    public Task An_extension_method_and_a_property_chain() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            var scaler = data.{|NG0006:FitScaler(ml)|};
            var model = Pipelines.Scaling(ml).{|NG0006:Fit(data)|};
            var split = ml.Data.TrainTestSplit(data);

            static class Extensions
            {
                public static ITransformer FitScaler(this IDataView rows, MLContext ml) => ml.Transforms.NormalizeMeanVariance("A").Fit(rows);
            }

            static class Pipelines
            {
                public static IEstimator<ITransformer> Scaling(MLContext ml) => ml.Transforms.NormalizeMeanVariance("A");
            }
            """ + Row);

    [Fact]
    public Task A_constructor_that_fits_its_argument() =>
        RunAsync("""
            using Microsoft.ML;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            var featurizer = {|NG0006:new Featurizer(ml, data)|};
            var split = ml.Data.TrainTestSplit(data);

            sealed class Featurizer
            {
                private readonly ITransformer _scaler;

                public Featurizer(MLContext ml, IDataView rows) => _scaler = ml.Transforms.NormalizeMinMax("A").Fit(rows);

                public IDataView Apply(IDataView rows) => _scaler.Transform(rows);
            }
            """ + Row);

    [Fact]
    public Task A_users_split_helper_made_of_views() =>
        RunAsync("""
            using System.Linq;
            using Microsoft.ML;

            var ml = new MLContext();
            Row[] rows = new Row[100];
            var scaler = ml.Transforms.NormalizeMinMax("A").{|NG0006:Fit(ml.Data.LoadFromEnumerable(rows))|};
            var (older, newer) = Splits.ByPosition(rows, 0.8);

            static class Splits
            {
                public static (Row[] Train, Row[] Test) ByPosition(Row[] all, double fraction)
                {
                    int cut = (int)(all.Length * fraction);
                    return (all.Take(cut).ToArray(), all.Skip(cut).ToArray());
                }
            }
            """ + Row);

    [Fact]
    public Task Helpers_of_another_assembly_declared_with_attributes()
    {
        var test = Verify<LeakageAnalyzer>.Test("""
            using Microsoft.ML;
            using Shared;

            var ml = new MLContext();
            IDataView data = ml.Data.LoadFromTextFile<Row>("rows.csv", hasHeader: true);
            var scaler = Scaling.{|NG0006:Fit(ml, data)|};
            var (train, test) = Splitting.Holdout(ml, data);
            var again = Scaling.{|NG0006:Fit(ml, test)|};
            """ + Row);
        test.TestState.AdditionalProjects["Shared"].Sources.Add(("Helpers.cs", """
            using Microsoft.ML;
            using NormGuard;

            namespace Shared;

            public static class Scaling
            {
                public static ITransformer Fit(MLContext ml, [FitsStatistics] IDataView rows) => throw new System.NotImplementedException();
            }

            public static class Splitting
            {
                [SplitsData]
                public static (IDataView Train, IDataView Test) Holdout(MLContext ml, IDataView rows) => throw new System.NotImplementedException();
            }
            """));
        test.TestState.AdditionalProjects["Shared"].AdditionalReferences.AddRange(test.TestState.AdditionalReferences);
        test.TestState.AdditionalProjectReferences.Add("Shared");
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            CompilationOptions options = solution.GetProject(projectId)!.CompilationOptions!;
            return solution.WithProjectCompilationOptions(projectId, options.WithOutputKind(OutputKind.ConsoleApplication));
        });
        return test.RunAsync(CancellationToken.None);
    }

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
