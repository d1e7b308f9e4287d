// category: helper-fits-param-later-split
// boundary: method
// Verdict: leaky. FitIncomeScaling fits NormalizeLogMeanVariance (mean and variance of the log incomes) on the survey it
// receives. Main calls it with every respondent, transforms the survey, and then makes a TrainTestSplit keyed on the
// household so that members of one household stay together: keyed or not, the test households' incomes were in the
// fitted statistics. Split the raw survey first and fit on split.TrainSet.
using System;
using Microsoft.ML;
using Microsoft.ML.Data;

public static class Program
{
    public static void Main()
    {
        var ml = new MLContext(seed: 9);
        IDataView survey = ml.Data.LoadFromTextFile<Respondent>("household-survey-2022.csv", hasHeader: true, separatorChar: '\t');

        ITransformer incomeScaling = {|NG0006:FitIncomeScaling(ml, survey)|};
        IDataView prepared = incomeScaling.Transform(survey);
        var split = ml.Data.TrainTestSplit(prepared, testFraction: 0.2, samplingKeyColumnName: nameof(Respondent.HouseholdId), seed: 9);

        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(split.TrainSet);
        Console.WriteLine($"food-insecurity AUC {ml.BinaryClassification.Evaluate(model.Transform(split.TestSet)).AreaUnderRocCurve:0.000}");
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
