// category: helper-fits-param-later-split
// boundary: method
// Verdict: leaky. Preprocess fits NormalizeMeanVariance on every taxi trip it receives and returns the scaled view;
// Main hands it the whole file and only then cuts the hold-out with TrainTestSplit. The means and variances the model
// is trained with include the trips it is scored on, so the reported RMSE is optimistic. Split first and fit the
// preprocessing on split.TrainSet.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 0);
        IDataView trips = ml.Data.LoadFromTextFile<TaxiTrip>("taxi-fare-train.csv", hasHeader: true, separatorChar: ',');

        IDataView prepared = {|NG0006:Preprocess(ml, trips)|};
        DataOperationsCatalog.TrainTestData split = ml.Data.TrainTestSplit(prepared, testFraction: 0.2, seed: 0);

        var trainer = ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features");
        ITransformer model = trainer.Fit(split.TrainSet);
        RegressionMetrics metrics = ml.Regression.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine($"RMSE {metrics.RootMeanSquaredError:0.##}");
    }

    private static IDataView Preprocess(MLContext ml, IDataView rows)
    {
        var featurizer = ml.Transforms.Concatenate("Features", nameof(TaxiTrip.PassengerCount), nameof(TaxiTrip.TripTime), nameof(TaxiTrip.TripDistance))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));
        return featurizer.Fit(rows).Transform(rows);
    }
}

public sealed class TaxiTrip
{
    [LoadColumn(0)] public float PassengerCount { get; set; }
    [LoadColumn(1)] public float TripTime { get; set; }
    [LoadColumn(2)] public float TripDistance { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float FareAmount { get; set; }
}
