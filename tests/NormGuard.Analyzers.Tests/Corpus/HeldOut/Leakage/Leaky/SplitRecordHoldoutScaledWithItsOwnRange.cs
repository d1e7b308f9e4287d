// category: helper-fits-eval-data
// boundary: class
// Verdict: leaky. The bookings are split once into a BookingSplits record. The model is trained on Train scaled by a
// min-max normalizer fitted on Train (right), but the evaluation then fits a second normalizer, Scaling.FitMinMax, on
// Holdout itself and scales the hold-out bookings with their own minimum and maximum: statistics of the evaluation rows
// that a deployed model never has. Holdout must be transformed with trainScaling.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public sealed record BookingSplits(IDataView Train, IDataView Holdout);

public static class SplitFactory
{
    public static BookingSplits Create(MLContext ml, IDataView bookings, double holdoutFraction)
    {
        var parts = ml.Data.TrainTestSplit(bookings, testFraction: holdoutFraction, seed: 8);
        return new BookingSplits(parts.TrainSet, parts.TestSet);
    }
}

public static class Scaling
{
    public static ITransformer FitMinMax(MLContext ml, IDataView rows) =>
        ml.Transforms.Concatenate("Features", nameof(Booking.LeadTimeDays), nameof(Booking.AverageDailyRate), nameof(Booking.SpecialRequests))
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Fit(rows);
}

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 8);
        IDataView bookings = ml.Data.LoadFromTextFile<Booking>("hotel_bookings.csv", hasHeader: true, separatorChar: ',');
        BookingSplits splits = SplitFactory.Create(ml, bookings, holdoutFraction: 0.25);

        ITransformer trainScaling = Scaling.FitMinMax(ml, splits.Train);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(trainScaling.Transform(splits.Train));

        ITransformer holdoutScaling = Scaling.{|NG0006:FitMinMax(ml, splits.Holdout)|};
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(holdoutScaling.Transform(splits.Holdout)));
        Console.WriteLine($"cancellation F1 {metrics.F1Score:0.000}");
    }
}

public sealed class Booking
{
    [LoadColumn(0)] public float LeadTimeDays { get; set; }
    [LoadColumn(1)] public float AverageDailyRate { get; set; }
    [LoadColumn(2)] public float SpecialRequests { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool IsCanceled { get; set; }
}
