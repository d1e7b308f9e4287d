using Microsoft.ML;
using Microsoft.ML.Data;

namespace Clinic.Readmissions;

public sealed partial class ReadmissionTrainer
{
    private readonly MLContext _ml;

    public ReadmissionTrainer(MLContext ml) => _ml = ml;

    public CalibratedBinaryClassificationMetrics Run(string path)
    {
        IDataView admissions = _ml.Data.LoadFromTextFile<Admission>(path, hasHeader: true, separatorChar: ',');
        {|NG0006:FitFeatures(admissions)|};
        var split = _ml.Data.TrainTestSplit(admissions, testFraction: 0.2, samplingKeyColumnName: nameof(Admission.PatientId), seed: 21);

        var model = _ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(Featurize(split.TrainSet));
        return _ml.BinaryClassification.Evaluate(model.Transform(Featurize(split.TestSet)));
    }
}

public sealed class Admission
{
    [LoadColumn(0)] public float PatientId { get; set; }
    [LoadColumn(1)] public float LengthOfStay { get; set; }
    [LoadColumn(2)] public float Creatinine { get; set; }
    [LoadColumn(3)] public float PriorVisits { get; set; }
    [LoadColumn(4)] public float Age { get; set; }
    [LoadColumn(5), ColumnName("Label")] public bool Readmitted { get; set; }
}
