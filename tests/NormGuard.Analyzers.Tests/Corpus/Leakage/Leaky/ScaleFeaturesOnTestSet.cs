// category: helper-fits-eval-data
// boundary: method
// Verdict: leaky. ScaleFeatures fits a normalizer on whatever view it receives. It is called once for the training part
// (fine) and once more for split.TestSet, which fits a second normalizer on the test rows themselves: the evaluation
// data are scaled with their own min and max, statistics the model can never have in production. The test set must be
// transformed with the normalizer fitted on the training part.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 11);
        IDataView transactions = ml.Data.LoadFromTextFile<Transaction>("creditcard.csv", hasHeader: true, separatorChar: ',');
        var split = ml.Data.TrainTestSplit(transactions, testFraction: 0.25, seed: 11);

        IDataView trainScaled = ScaleFeatures(ml, split.TrainSet);
        IDataView testScaled = {|NG0006:ScaleFeatures(ml, split.TestSet)|};

        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(trainScaled);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(testScaled));
        Console.WriteLine($"AUC {metrics.AreaUnderRocCurve:0.000}");
    }

    private static IDataView ScaleFeatures(MLContext ml, IDataView rows)
    {
        var scaling = ml.Transforms.Concatenate("Features", nameof(Transaction.Amount), nameof(Transaction.V1), nameof(Transaction.V2))
            .Append(ml.Transforms.NormalizeMinMax("Features"));
        return scaling.Fit(rows).Transform(rows);
    }
}

public sealed class Transaction
{
    [LoadColumn(0)] public float Amount { get; set; }
    [LoadColumn(1)] public float V1 { get; set; }
    [LoadColumn(2)] public float V2 { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool IsFraud { get; set; }
}
