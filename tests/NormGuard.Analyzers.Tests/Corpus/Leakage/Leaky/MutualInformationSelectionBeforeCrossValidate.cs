// category: beyond-normalizers
// boundary: class
// Verdict: leaky. FeatureSelection.Build returns a chain whose SelectFeaturesBasedOnMutualInformation keeps the 20
// word-count slots most informative about the label, a supervised statistic. The program fits it on every email, label
// included, and cross-validates the reduced view: the selection already knows every fold's test labels, the classic
// selection-before-CV leak. Put the selection inside the pipeline passed to CrossValidate.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 18);
IDataView emails = ml.Data.LoadFromTextFile<EmailCounts>("spambase.csv", hasHeader: true, separatorChar: ',');

IDataView selected = FeatureSelection.Build(ml).{|NG0006:Fit(emails)|}.Transform(emails);
var folds = ml.BinaryClassification.CrossValidate(selected, ml.BinaryClassification.Trainers.SdcaLogisticRegression(), numberOfFolds: 10);
Console.WriteLine($"mean AUC {folds.Average(f => f.Metrics.AreaUnderRocCurve):0.000}");

public static class FeatureSelection
{
    public static IEstimator<ITransformer> Build(MLContext ml) =>
        ml.Transforms.FeatureSelection.SelectFeaturesBasedOnMutualInformation("Features", nameof(EmailCounts.WordCounts), labelColumnName: "Label", slotsInOutput: 20);
}

public sealed class EmailCounts
{
    [LoadColumn(0, 56), VectorType(57)] public float[] WordCounts { get; set; } = new float[57];
    [LoadColumn(57), ColumnName("Label")] public bool IsSpam { get; set; }
}
