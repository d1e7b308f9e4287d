// category: beyond-normalizers
// boundary: method
// Verdict: leaky. ScaleSkewedColumns fits NormalizeBinning (equal-density bin edges) on the skewed columns and
// NormalizeRobustScaling (median, IQR) on the others, both learned from the rows it receives, and returns the scaled
// view. Main scales all insurance customers and then makes the folds; the bins and medians include each fold's test
// rows. Scale per fold, fitted on fold.TrainSet.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 20);
        IDataView customers = ml.Data.LoadFromTextFile<PolicyHolder>("insurance.csv", hasHeader: true, separatorChar: ',');
        IDataView scaled = {|NG0006:ScaleSkewedColumns(ml, customers)|};

        foreach (var fold in ml.Data.CrossValidationSplit(scaled, numberOfFolds: 5, seed: 20))
        {
            var model = ml.Regression.Trainers.Sdca().Fit(fold.TrainSet);
            Console.WriteLine(ml.Regression.Evaluate(model.Transform(fold.TestSet)).RSquared);
        }
    }

    private static IDataView ScaleSkewedColumns(MLContext ml, IDataView rows)
    {
        var scaling = ml.Transforms.NormalizeBinning(nameof(PolicyHolder.Charges), maximumBinCount: 16)
            .Append(ml.Transforms.NormalizeRobustScaling(nameof(PolicyHolder.Bmi)))
            .Append(ml.Transforms.NormalizeRobustScaling(nameof(PolicyHolder.Age)))
            .Append(ml.Transforms.Concatenate("Features", nameof(PolicyHolder.Age), nameof(PolicyHolder.Bmi), nameof(PolicyHolder.Children), nameof(PolicyHolder.Charges)));
        return scaling.Fit(rows).Transform(rows);
    }
}

public sealed class PolicyHolder
{
    [LoadColumn(0)] public float Age { get; set; }
    [LoadColumn(1)] public float Bmi { get; set; }
    [LoadColumn(2)] public float Children { get; set; }
    [LoadColumn(3)] public float Charges { get; set; }
    [LoadColumn(4), ColumnName("Label")] public float NextYearCharges { get; set; }
}
