// category: factory-chain
// boundary: class
// Verdict: leaky. ModelFactory.BuildPipeline returns the whole estimator chain, NormalizeMeanVariance included. The
// program fits that chain on every bike-rental record, then cuts a hold-out with TrainTestSplit and reports the fitted
// model's error on it: the normalizer (and the regression) were fitted on the hold-out rows. Split first and fit the
// chain on the training part.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 2);
IDataView rentals = ml.Data.LoadFromTextFile<DemandObservation>("bike-sharing-hour.csv", hasHeader: true, separatorChar: ',');

IEstimator<ITransformer> pipeline = ModelFactory.BuildPipeline(ml);
ITransformer model = pipeline.{|NG0006:Fit(rentals)|};

var holdout = ml.Data.TrainTestSplit(rentals, testFraction: 0.2, seed: 2).TestSet;
RegressionMetrics metrics = ml.Regression.Evaluate(model.Transform(holdout));
Console.WriteLine($"MAE {metrics.MeanAbsoluteError:0.0} rentals/hour");
ml.Model.Save(model, rentals.Schema, "bike-demand.zip");

public static class ModelFactory
{
    public static IEstimator<ITransformer> BuildPipeline(MLContext ml) =>
        ml.Transforms.Concatenate("Features", nameof(DemandObservation.Temperature), nameof(DemandObservation.Humidity), nameof(DemandObservation.WindSpeed))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"))
            .Append(ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features"));
}

public sealed class DemandObservation
{
    [LoadColumn(0)] public float Temperature { get; set; }
    [LoadColumn(1)] public float Humidity { get; set; }
    [LoadColumn(2)] public float WindSpeed { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float Count { get; set; }
}
