// category: intra-method
// boundary: none
// Verdict: leaky. The preparation pipeline (concatenate + min-max) is fitted inside a lambda handed to the Timed logging
// helper, on every flight, before the TrainTestSplit two lines below; the evaluation flights are then scaled with a
// minimum and maximum that include them. Timed only runs the lambda: the fit and the split are both Main's. Split first
// and fit on split.TrainSet.
using System;
using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 17);
        IDataView flights = ml.Data.LoadFromTextFile<Flight>("flights-ord-2023.csv", hasHeader: true, separatorChar: ',');
        var preparation = ml.Transforms.Concatenate("Features", nameof(Flight.DepartureHour), nameof(Flight.DistanceMiles), nameof(Flight.TaxiOutMinutes), nameof(Flight.InboundDelay))
            .Append(ml.Transforms.NormalizeMinMax("Features"));

        ITransformer prepared = Timed("prepare", () => preparation.{|NG0006:Fit(flights)|});
        var split = ml.Data.TrainTestSplit(flights, testFraction: 0.2, seed: 17);

        var model = Timed("train", () => ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(prepared.Transform(split.TrainSet)));
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(prepared.Transform(split.TestSet)));
        Console.WriteLine($"delay>15min AUC {metrics.AreaUnderRocCurve:0.000}");
    }

    private static T Timed<T>(string step, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return work();
        }
        finally
        {
            Console.WriteLine($"{step}: {clock.Elapsed.TotalSeconds:0.0} s");
        }
    }
}

public sealed class Flight
{
    [LoadColumn(0)] public float DepartureHour { get; set; }
    [LoadColumn(1)] public float DistanceMiles { get; set; }
    [LoadColumn(2)] public float TaxiOutMinutes { get; set; }
    [LoadColumn(3)] public float InboundDelay { get; set; }
    [LoadColumn(4), ColumnName("Label")] public bool DelayedOver15 { get; set; }
}
