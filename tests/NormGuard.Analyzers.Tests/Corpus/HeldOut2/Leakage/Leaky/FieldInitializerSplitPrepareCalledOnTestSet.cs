// category: helper-fits-eval-data
// boundary: class
// Verdict: leaky. HotelCancellationExperiment (a primary-constructor class) splits the bookings in a field initializer
// with ml.Data.TrainTestSplit. Its Prepare helper fits the robust-scaling chain on whatever view it gets and returns the
// transformed view ("fit_transform"). Train() calls it on the training set, and Evaluate() calls it again on
// _split.TestSet, so the test bookings are scaled with a median and IQR fitted on the test bookings themselves. The test
// set must be transformed with the transformer fitted on the training set.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 8);
IDataView bookings = ml.Data.LoadFromTextFile<HotelBooking>("hotel-bookings.csv", hasHeader: true, separatorChar: ',');
var experiment = new HotelCancellationExperiment(ml, bookings);
ITransformer model = experiment.Train();
Console.WriteLine($"cancellation AUC {experiment.Evaluate(model):0.000}");

public sealed class HotelCancellationExperiment(MLContext ml, IDataView bookings)
{
    private readonly DataOperationsCatalog.TrainTestData _split = ml.Data.TrainTestSplit(bookings, testFraction: 0.25, seed: 8);

    public ITransformer Train() =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(Prepare(_split.TrainSet));

    public double Evaluate(ITransformer model) =>
        ml.BinaryClassification.Evaluate(model.Transform({|NG0006:Prepare(_split.TestSet)|})).AreaUnderRocCurve;

    private IDataView Prepare(IDataView view) =>
        ml.Transforms.Concatenate("Features", nameof(HotelBooking.LeadTimeDays), nameof(HotelBooking.AverageDailyRate), nameof(HotelBooking.SpecialRequests))
            .Append(ml.Transforms.NormalizeRobustScaling("Features"))
            .Fit(view)
            .Transform(view);
}

public sealed class HotelBooking
{
    [LoadColumn(0)] public float LeadTimeDays { get; set; }
    [LoadColumn(1)] public float AverageDailyRate { get; set; }
    [LoadColumn(2)] public float SpecialRequests { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool Canceled { get; set; }
}
