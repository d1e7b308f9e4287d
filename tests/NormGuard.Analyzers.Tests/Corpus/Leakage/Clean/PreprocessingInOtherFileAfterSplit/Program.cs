// category: helper-fits-param-later-split
// boundary: file
// Verdict: clean. The same Preprocessing class in its own file. Program.cs splits first, fits the Estimator on the
// training part and transforms both parts with it; Standardize (which fits on what it gets) is not called on
// anything that is split afterwards.
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
        var split = ml.Data.TrainTestSplit(mixes, testFraction: 0.2, seed: 23);
        ITransformer standardization = preprocessing.Estimator.Fit(split.TrainSet);

        var model = ml.Regression.Trainers.Sdca().Fit(standardization.Transform(split.TrainSet));
        Console.WriteLine($"R² {ml.Regression.Evaluate(model.Transform(standardization.Transform(split.TestSet))).RSquared:0.000}");
    }
}
