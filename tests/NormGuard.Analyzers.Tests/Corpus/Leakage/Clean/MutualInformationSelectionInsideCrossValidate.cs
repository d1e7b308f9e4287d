// category: beyond-normalizers
// boundary: class
// Verdict: clean. The same FeatureSelection.Build chain, unfitted, appended to the trainer and passed to CrossValidate
// with the raw emails, so each fold selects its slots from its own training labels.
using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 18);
IDataView emails = ml.Data.LoadFromTextFile<EmailCounts>("spambase.csv", hasHeader: true, separatorChar: ',');

var pipeline = FeatureSelection.Build(ml).Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression());
var folds = ml.BinaryClassification.CrossValidate(emails, pipeline, numberOfFolds: 10);
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
