// category: helper-fits-eval-data
// boundary: method
// Verdict: clean. The scaling helper is fitted once, on split.TrainSet, and returns the fitted transformer; the test
// set is only transformed with it. The evaluation rows are scaled with training statistics, as in production.
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

        ITransformer scaler = FitScaler(ml, split.TrainSet);
        IDataView trainScaled = scaler.Transform(split.TrainSet);
        IDataView testScaled = scaler.Transform(split.TestSet);

        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(trainScaled);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(testScaled));
        Console.WriteLine($"AUC {metrics.AreaUnderRocCurve:0.000}");
    }

    private static ITransformer FitScaler(MLContext ml, IDataView rows)
    {
        var scaling = ml.Transforms.Concatenate("Features", nameof(Transaction.Amount), nameof(Transaction.V1), nameof(Transaction.V2))
            .Append(ml.Transforms.NormalizeMinMax("Features"));
        return scaling.Fit(rows);
    }
}

public sealed class Transaction
{
    [LoadColumn(0)] public float Amount { get; set; }
    [LoadColumn(1)] public float V1 { get; set; }
    [LoadColumn(2)] public float V2 { get; set; }
    [LoadColumn(3), ColumnName("Label")] public bool IsFraud { get; set; }
}
