// category: helper-fits-param-later-split
// boundary: file
// Verdict: leaky. Preprocessing.cs holds the team's preprocessing: Standardize fits NormalizeMeanVariance on the view
// it is given and returns it transformed. Program.cs standardizes the whole concrete-strength data set and then calls
// TrainTestSplit on the standardized view; the test mixes were in the means and variances. Split first and fit the
// standardization on the training part.
using System;
using ConcreteStrength.Training;
using Microsoft.ML;

namespace ConcreteStrength;

public static class Program
{
    public static void Main(string[] args)
    {
        var ml = new MLContext(seed: 23);
        IDataView mixes = ml.Data.LoadFromTextFile<Mix>(args.Length > 0 ? args[0] : "concrete.csv", hasHeader: true, separatorChar: ',');

        var preprocessing = new Preprocessing(ml);
        IDataView standardized = preprocessing.{|NG0006:Standardize(mixes)|};
        var split = ml.Data.TrainTestSplit(standardized, testFraction: 0.2, seed: 23);

        var model = ml.Regression.Trainers.Sdca().Fit(split.TrainSet);
        Console.WriteLine($"R² {ml.Regression.Evaluate(model.Transform(split.TestSet)).RSquared:0.000}");
    }
}
