// category: data-prep-fields
// boundary: file
// Verdict: leaky. ChurnDataPrep (ChurnDataPrep.cs) keeps the loaded data, the fitted scaler and the prepared view in
// fields. Prepare() fits the scaler on all loaded rows and stores the scaled view; Folds() then cuts whichever view it
// holds into cross-validation folds. Program.cs calls Prepare() before Folds(), so every fold is scaled with
// statistics that include its test rows. Fit the scaler per fold (FitScaler(fold.TrainSet)) instead.
using System;
using Microsoft.ML;

namespace Churn;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 25);
        var prep = new ChurnDataPrep(ml, "bank-churn.csv");
        prep.{|NG0006:Prepare()|};

        foreach (var fold in prep.Folds(5))
        {
            var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(fold.TrainSet);
            Console.WriteLine($"AUC {ml.BinaryClassification.Evaluate(model.Transform(fold.TestSet)).AreaUnderRocCurve:0.000}");
        }
    }
}
