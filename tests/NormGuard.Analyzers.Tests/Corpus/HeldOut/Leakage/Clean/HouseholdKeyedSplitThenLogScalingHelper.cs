// category: helper-fits-param-later-split
// boundary: method
// Verdict: clean. The household-keyed split comes first; FitIncomeScaling learns the log-income statistics from
// split.TrainSet and the same fitted scaling transforms the test households.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 9);
        IDataView survey = ml.Data.LoadFromTextFile<Respondent>("household-survey-2022.csv", hasHeader: true, separatorChar: '\t');

        var split = ml.Data.TrainTestSplit(survey, testFraction: 0.2, samplingKeyColumnName: nameof(Respondent.HouseholdId), seed: 9);
        ITransformer incomeScaling = FitIncomeScaling(ml, split.TrainSet);

        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(incomeScaling.Transform(split.TrainSet));
        Console.WriteLine($"food-insecurity AUC {ml.BinaryClassification.Evaluate(model.Transform(incomeScaling.Transform(split.TestSet))).AreaUnderRocCurve:0.000}");
    }

    private static ITransformer FitIncomeScaling(MLContext ml, IDataView rows) =>
        ml.Transforms.NormalizeLogMeanVariance(nameof(Respondent.Income), useCdf: false)
            .Append(ml.Transforms.Concatenate("Features", nameof(Respondent.Income), nameof(Respondent.HouseholdSize), nameof(Respondent.DistanceToMarketKm)))
            .Fit(rows);
}

public sealed class Respondent
{
    [LoadColumn(0)] public float HouseholdId { get; set; }
    [LoadColumn(1)] public float Income { get; set; }
    [LoadColumn(2)] public float HouseholdSize { get; set; }
    [LoadColumn(3)] public float DistanceToMarketKm { get; set; }
    [LoadColumn(4), ColumnName("Label")] public bool FoodInsecure { get; set; }
}
