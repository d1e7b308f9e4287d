// category: beyond-normalizers
// boundary: none
// Verdict: leaky. NormalizeSupervisedBinning chooses bin edges from the feature values and the label. It is fitted on
// every applicant and the binned view is then cut into folds by CrossValidationSplit; each fold's test labels helped
// place the bins its model is trained and evaluated with. Bin per fold on fold.TrainSet.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 19);
IDataView applicants = ml.Data.LoadFromTextFile<Applicant>("german-credit.csv", hasHeader: true, separatorChar: ',');

var binning = ml.Transforms.Concatenate("Features", nameof(Applicant.Duration), nameof(Applicant.CreditAmount), nameof(Applicant.Age))
    .Append(ml.Transforms.NormalizeSupervisedBinning("Features", labelColumnName: "Label"));
IDataView binned = binning.{|NG0006:Fit(applicants)|}.Transform(applicants);

foreach (var fold in ml.Data.CrossValidationSplit(binned, numberOfFolds: 5, seed: 19))
{
    var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(fold.TrainSet);
    Console.WriteLine(ml.BinaryClassification.Evaluate(model.Transform(fold.TestSet)).AreaUnderRocCurve);
}

public sealed class Applicant
{
    [LoadColumn(0)] public float Duration { get; set; }
    [LoadColumn(1)] public float CreditAmount { get; set; }
    [LoadColumn(2)] public float Age { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool GoodRisk { get; set; }
}
