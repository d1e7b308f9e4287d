// category: intra-method
// boundary: none
// Verdict: clean. The split comes first; the timed lambda fits the preparation pipeline on split.TrainSet, and the
// evaluation flights are only transformed with it.
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

        var split = ml.Data.TrainTestSplit(flights, testFraction: 0.2, seed: 17);
        ITransformer prepared = Timed("prepare", () => preparation.Fit(split.TrainSet));

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
