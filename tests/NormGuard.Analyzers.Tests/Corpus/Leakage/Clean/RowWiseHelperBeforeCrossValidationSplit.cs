// category: beyond-normalizers
// boundary: method
// Verdict: clean. The same helper shape before the folds, but ScaleSkewedColumns now only applies row-wise transforms
// that learn nothing from other rows (NormalizeLpNorm, NormalizeGlobalContrast on each row's own vector). The one
// statistical scaler, NormalizeMinMax, is fitted per fold on fold.TrainSet.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 20);
        IDataView customers = ml.Data.LoadFromTextFile<PolicyHolder>("insurance.csv", hasHeader: true, separatorChar: ',');
        IDataView scaled = ScaleSkewedColumns(ml, customers);

        foreach (var fold in ml.Data.CrossValidationSplit(scaled, numberOfFolds: 5, seed: 20))
        {
            var model = ml.Transforms.NormalizeMinMax("Features").Append(ml.Regression.Trainers.Sdca()).Fit(fold.TrainSet);
            Console.WriteLine(ml.Regression.Evaluate(model.Transform(fold.TestSet)).RSquared);
        }
    }

    private static IDataView ScaleSkewedColumns(MLContext ml, IDataView rows)
    {
        var scaling = ml.Transforms.Concatenate("Features", nameof(PolicyHolder.Age), nameof(PolicyHolder.Bmi), nameof(PolicyHolder.Children), nameof(PolicyHolder.Charges))
            .Append(ml.Transforms.NormalizeLpNorm("Features"))
            .Append(ml.Transforms.NormalizeGlobalContrast("Features", ensureZeroMean: false));
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
