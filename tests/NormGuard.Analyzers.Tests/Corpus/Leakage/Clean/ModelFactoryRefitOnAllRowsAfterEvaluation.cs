// category: factory-chain
// boundary: class
// Verdict: clean. The same ModelFactory. The rentals are split first, the chain is fitted on the training part and
// evaluated on the hold-out; only then is a fresh chain fitted on all records for the model that ships. That final
// refit after evaluation is documented practice: no reported metric comes from it.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 2);
IDataView rentals = ml.Data.LoadFromTextFile<DemandObservation>("bike-sharing-hour.csv", hasHeader: true, separatorChar: ',');
var split = ml.Data.TrainTestSplit(rentals, testFraction: 0.2, seed: 2);

ITransformer candidate = ModelFactory.BuildPipeline(ml).Fit(split.TrainSet);
RegressionMetrics metrics = ml.Regression.Evaluate(candidate.Transform(split.TestSet));
Console.WriteLine($"MAE {metrics.MeanAbsoluteError:0.0} rentals/hour");

ITransformer production = ModelFactory.BuildPipeline(ml).Fit(rentals);
ml.Model.Save(production, rentals.Schema, "bike-demand.zip");

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
