// category: helper-fits-param-later-split
// boundary: method
// Verdict: clean. The same preprocessing helper, called the right way round: the trips are split first, the helper
// fits NormalizeMeanVariance on the training part only and returns the fitted transformer, which then scales both
// parts. The test trips never contribute to the statistics.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 0);
        IDataView trips = ml.Data.LoadFromTextFile<TaxiTrip>("taxi-fare-train.csv", hasHeader: true, separatorChar: ',');
        DataOperationsCatalog.TrainTestData split = ml.Data.TrainTestSplit(trips, testFraction: 0.2, seed: 0);

        ITransformer preprocessing = Preprocess(ml, split.TrainSet);
        IDataView trainPrepared = preprocessing.Transform(split.TrainSet);
        IDataView testPrepared = preprocessing.Transform(split.TestSet);

        var trainer = ml.Regression.Trainers.Sdca(labelColumnName: "Label", featureColumnName: "Features");
        ITransformer model = trainer.Fit(trainPrepared);
        RegressionMetrics metrics = ml.Regression.Evaluate(model.Transform(testPrepared));
        Console.WriteLine($"RMSE {metrics.RootMeanSquaredError:0.##}");
    }

    private static ITransformer Preprocess(MLContext ml, IDataView rows)
    {
        var featurizer = ml.Transforms.Concatenate("Features", nameof(TaxiTrip.PassengerCount), nameof(TaxiTrip.TripTime), nameof(TaxiTrip.TripDistance))
            .Append(ml.Transforms.NormalizeMeanVariance("Features"));
        return featurizer.Fit(rows);
    }
}

public sealed class TaxiTrip
{
    [LoadColumn(0)] public float PassengerCount { get; set; }
    [LoadColumn(1)] public float TripTime { get; set; }
    [LoadColumn(2)] public float TripDistance { get; set; }
    [LoadColumn(3), ColumnName("Label")] public float FareAmount { get; set; }
}
