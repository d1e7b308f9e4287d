// category: beyond-normalizers
// boundary: none
// Verdict: clean. The same supervised binning, fitted inside the fold loop on fold.TrainSet; the fold's test
// applicants are only transformed with that fold's bins.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 19);
IDataView applicants = ml.Data.LoadFromTextFile<Applicant>("german-credit.csv", hasHeader: true, separatorChar: ',');

var binning = ml.Transforms.Concatenate("Features", nameof(Applicant.Duration), nameof(Applicant.CreditAmount), nameof(Applicant.Age))
    .Append(ml.Transforms.NormalizeSupervisedBinning("Features", labelColumnName: "Label"));
foreach (var fold in ml.Data.CrossValidationSplit(applicants, numberOfFolds: 5, seed: 19))
{
    ITransformer bins = binning.Fit(fold.TrainSet);
    var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(bins.Transform(fold.TrainSet));
    Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(bins.Transform(fold.TestSet))).AreaUnderRocCurve);
}

public sealed class Applicant
{
    [LoadColumn(0)] public float Duration { get; set; }
    [LoadColumn(1)] public float CreditAmount { get; set; }
    [LoadColumn(2)] public float Age { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool GoodRisk { get; set; }
}
