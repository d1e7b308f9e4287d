// category: factory-chain
// boundary: class
// Verdict: leaky. TrainingSetup.Pipeline is a property that builds the chain (NormalizeLogMeanVariance and a
// classifier). The program fits it once on every heart-disease record and then scores that one model on each fold
// of CrossValidationSplit: each fold's test rows were part of the fit, normalizer and all. Fit per fold on
// fold.TrainSet (or call CrossValidate with the unfitted chain).
using System;
using System.Collections.Generic;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 9);
IDataView patients = ml.Data.LoadFromTextFile<HeartRecord>("heart.csv", hasHeader: true, separatorChar: ',');
var setup = new TrainingSetup(ml);

ITransformer model = setup.Pipeline.{|NG0006:Fit(patients)|};
var accuracies = new List<double>();
foreach (var fold in ml.Data.CrossValidationSplit(patients, numberOfFolds: 5, seed: 9))
{
    accuracies.Add(ml.BinaryClassification.Evaluate(model.Transform(fold.TestSet)).Accuracy);
}

Console.WriteLine(string.Join(", ", accuracies));

public sealed class TrainingSetup
{
    private readonly MLContext _ml;

    public TrainingSetup(MLContext ml) => _ml = ml;

    public IEstimator<ITransformer> Pipeline =>
        _ml.Transforms.Concatenate("Features", nameof(HeartRecord.Age), nameof(HeartRecord.Cholesterol), nameof(HeartRecord.RestingBloodPressure))
            .Append(_ml.Transforms.NormalizeLogMeanVariance("Features"))
            .Append(_ml.BinaryClassification.Trainers.SdcaLogisticRegression());
}

public sealed class HeartRecord
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float Cholesterol { get; set; }
    [LoadColumn(2)] public float RestingBloodPressure { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool HasDisease { get; set; }
}
