// category: data-prep-fields
// boundary: file
// Verdict: clean. The same ChurnDataPrep class in its own file. Program.cs does not call Prepare(); it takes the folds
// of the raw data and fits the scaler per fold with FitScaler(fold.TrainSet), transforming the fold's test part with it.
using System;
using Microsoft.ML;

namespace Churn;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 25);
        var prep = new ChurnDataPrep(ml, "bank-churn.csv");

        foreach (var fold in prep.Folds(5))
        {
            ITransformer scaler = prep.FitScaler(fold.TrainSet);
            var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(scaler.Transform(fold.TrainSet));
            Console.WriteLine($"AUC {ml.BinaryClassification.Evaluate(model.Transform(scaler.Transform(fold.TestSet))).AreaUnderRocCurve:0.000}");
        }
    }
}
