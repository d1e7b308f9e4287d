// category: helper-fits-eval-data
// boundary: class
// Verdict: clean. The same primary-constructor experiment with TrainTestSplit in a field initializer, but the
// preparation chain is fitted once, in Train(), on _split.TrainSet and kept in a field; Evaluate() only transforms
// _split.TestSet with that fitted transformer, so the test bookings never reach the median and IQR.
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
    private ITransformer? _preparation;

    public ITransformer Train()
    {
        _preparation = Preparation().Fit(_split.TrainSet);
        return ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(_preparation.Transform(_split.TrainSet));
    }

    public double Evaluate(ITransformer model)
    {
        ITransformer preparation = _preparation ?? throw new InvalidOperationException("Train() first: the preparation is fitted on the training set.");
        return ml.BinaryClassification.Evaluate(model.Transform(preparation.Transform(_split.TestSet))).AreaUnderRocCurve;
    }

    private IEstimator<ITransformer> Preparation() =>
        ml.Transforms.Concatenate("Features", nameof(HotelBooking.LeadTimeDays), nameof(HotelBooking.AverageDailyRate), nameof(HotelBooking.SpecialRequests))
            .Append(ml.Transforms.NormalizeRobustScaling("Features"));
}

public sealed class HotelBooking
{
    [LoadColumn(0)] public float LeadTimeDays { get; set; }
    [LoadColumn(1)] public float AverageDailyRate { get; set; }
    [LoadColumn(2)] public float SpecialRequests { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool Canceled { get; set; }
}
